"""Trade vocabulary for the HS search: French -> English, everyday English -> HS wording.

The HS 2022 nomenclature (World Customs Organization) is searched in its English text, so
a French query needs its words in the nomenclature's English, and an English query in
everyday words ("laptop", "sneakers") needs the nomenclature's wording ("automatic data
processing machines; portable", "sports footwear"). This module holds that vocabulary as
plain tables, ordered by HS chapter, written from general trade and customs usage (the
chapter and heading titles of the HS, the French customs tariff terms, common product
names). Every entry is general: a word or an expression that many products use, never a
fix for one product description.

Table format, one entry per line (``#`` starts a comment)::

    french term, other form, multi-word term = english wording; other wording

The left side lists terms (singular or plural, with or without accents: words are folded
and stemmed before matching). The right side lists English wordings separated by ``;``:
each wording is one way the nomenclature says the idea, and the search keeps the wording
that matches a subheading best. Phrases ("sac à main") are matched before single words.
"""

from __future__ import annotations

# Words that say nothing about the goods. English: nomenclature boilerplate included
# ("n.e.c.", "thereof", "heading"); French: articles, prepositions, fillers.
EN_STOP: frozenset[str] = frozenset(
    """
    a an the of and or for with in on by to from at as into onto upon per than then
    other others not nor no without whether n e c nec nes s including include includes
    excluding except thereof therefor therewith therein such like kind kinds used use
    uses be being been is are was its it their this that these those which what whose
    only any all similar etc eg ie g i heading headings subheading subheadings item items
    chapter chapters note notes presented put elsewhere specified included otherwise
    more less exceeding kg cm mm m ml l cc w kw v type types form forms
    both each either neither mainly wholly chiefly solely principally also very some my
    our your pcs pc approx approximately brand quality premium high low size sizes
    whereof via about over under
    """.split()
)

FR_STOP: frozenset[str] = frozenset(
    """
    le la les l un une des de du d au aux a en et ou pour par avec sans sur sous dans
    chez ce cet cette ces son sa ses leur leurs mon ma mes notre nos votre vos qui que
    qu quoi dont y ne pas plus tres type types sorte genre etc env environ non hors
    autre autres divers diverse diverses base destine destinee destines destinees
    fait faite faits faites qualite special speciale speciaux speciales grand grande
    grands grandes petit petite petits petites taille tailles lot pcs x marque modele
    comme tout tous toute toutes
    """.split()
)

# Irregular English forms and US spellings, mapped to the form the nomenclature uses
# (before stemming).
EN_IRREGULAR: dict[str, str] = {
    "women": "woman",
    "men": "man",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "knives": "knife",
    "leaves": "leaf",
    "halves": "half",
    "shelves": "shelf",
    "loaves": "loaf",
    "calves": "calf",
    "wives": "wife",
    "lives": "life",
    "mice": "mouse",
    "geese": "goose",
    "oxen": "ox",
    "frozen": "freeze",
    "froze": "freeze",
    "woven": "weave",
    "sewn": "sew",
    "worn": "wear",
    "spun": "spin",
    "wooden": "wood",
    "woollen": "wool",
    "woolen": "wool",
    "golden": "gold",
    "machinery": "machine",
    "electrical": "electric",
    "electrically": "electric",
    "fiber": "fibre",
    "fibers": "fibres",
    "color": "colour",
    "colors": "colours",
    "colored": "coloured",
    "aluminum": "aluminium",
    "jewelry": "jewellery",
    "gray": "grey",
    "mold": "mould",
    "molds": "moulds",
    "molded": "moulded",
    "molding": "moulding",
    "liter": "litre",
    "liters": "litres",
    "center": "centre",
    "vapor": "vapour",
    "tire": "tyre",
    "tires": "tyres",
    "plow": "plough",
    "plows": "ploughs",
    "catalog": "catalogue",
    "skis": "ski",
    "yogurt": "yoghurt",
    "yogurts": "yoghurt",
    "yoghurts": "yoghurt",
    "pajamas": "pyjamas",
    "series": "series",
    "species": "species",
    "dies": "die",
    "ties": "tie",
    "lies": "lie",
    "data": "data",
}

# English words kept whole by the stemmer: their stem would be another product or state
# ("shelled" almonds are not almonds "in shell"; "salted" fish is not "salt" of 2501;
# "husked" rice is not coffee "husks").
EN_UNSTEMMED: frozenset[str] = frozenset({"shelled", "salted", "husked"})

# Materials a subheading's own text may name to tell it from its siblings ("of cotton",
# "of wool", "of stainless steel", "of wood"), as stems. A query naming a material does
# not want the sibling that names only other materials (trade/hs_rules.material_mismatch).
# Words with a second meaning are left out ("linen": bed linen; "iron": smoothing irons;
# "lead": dog leads; "tin": tins; "man" of "man-made": men's garments). Stemmed by hs.py.
MATERIAL_WORDS = """
cotton wool silk flax jute synthetic artificial polyester polyamide nylon acrylic
viscose leather furskin rubber plastics wood bamboo rattan paper paperboard glass
porcelain ceramic stoneware earthenware marble granite stainless steel copper
aluminium nickel zinc gold silver platinum
"""

# French -> English, by HS chapter. Right-hand wordings use the nomenclature's words.
# Words of a subheading's text for a special state or use of goods, which a description
# says when it applies ("frozen orange juice", "sparkling wine"): a subheading saying one
# that the query does not say comes after its siblings.
MARKED_STATES = """
frozen sparkling fertilised incubation decaffeinated retreaded used worn waste scrap
unwrought crude sowing breeding concentrated monetary radiation hardened
night vision sweetening flavoured seed starch combined flour meal crushed
"""

FR_EN = """
# ---- Qualities, materials, users and states found in every chapter ----------------
neuf, neuve = new
usage, usagé, usagée, d'occasion, occasion = used; worn
frais, fraîche = fresh
réfrigéré = chilled
congelé, surgelé = frozen
séché, sec, sèche, déshydraté = dried; dry
fumé = smoked
salé, saumuré = salted; brine
cuit = cooked
cru = uncooked; raw
conserve, en conserve, appertisé = prepared or preserved
préparé, transformé = prepared
entier = whole
morceau, morceaux, découpe = cuts; pieces
tranché, en tranches = sliced
haché = minced
moulu, broyé = ground; crushed
poudre, en poudre = powder; powders
liquide = liquid
concentré = concentrated
sucré = sweetened; added sugar
brut = raw; crude; unworked
raffiné = refined
biologique, bio = organic
naturel = natural
artificiel = artificial
synthétique = synthetic
imprimé = printed
peint = painted
verni = varnished; lacquered
teint = dyed
blanchi = bleached
écru = unbleached
tressé = plaited
brodé = embroidered
tricoté, tricot, maille, en maille = knitted crocheted
tissé = woven
non tissé, nontissé = nonwovens
enduit, revêtu = coated
laminé = rolled
forgé = forged
moulé = moulded
électrique = electric
électronique = electronic
numérique = digital
manuel, à main, main = hand
mécanique = mechanical
automatique = automatic
portable, portatif = portable
sans fil = cordless; self-contained; wireless
pliant = folding
réglable = adjustable
étanche = waterproof
isolant, isolé, isolation, isolante = insulating; insulated
pièce détachée, pièces détachées, pièce de rechange, rechange, pièce, composant = parts
accessoire = accessories
ensemble, kit, assortiment, coffret = sets
homme, masculin, messieurs = men; boys
femme, féminin, dame = women; girls
enfant = children; boys; girls
garçon = boys
fille, fillette = girls
bébé, nourrisson = babies
ménager, domestique, usage domestique, maison = household; domestic
professionnel, industriel = industrial
médical = medical
chirurgical = surgical
vétérinaire = veterinary
sport, sportif = sports
cuisine = kitchen
bureau = office
jardin = garden
extérieur = outdoor
rouge = red
blanc = white
noir = black
vert = green
bleu = blue
jaune = yellow
brun, marron = brown

# ---- Materials ----------------------------------------------------------------------
cuir = leather
simili cuir, similicuir, cuir synthétique, cuir reconstitué = composition leather
peau = hides; skins
fourrure = furskins; fur
caoutchouc = rubber
latex = latex
plastique, matière plastique, matières plastiques = plastics
polyéthylène = polyethylene; polymers ethylene
polypropylène = polypropylene; polymers propylene
polystyrène = polystyrene
pvc, polychlorure de vinyle = polymers vinyl chloride
pet, polyéthylène téréphtalate = polyethylene terephthalate
polyamide, nylon = polyamides; nylon
polyester = polyesters; synthetic
acrylique = acrylic
polyuréthane = polyurethanes
silicone = silicones
résine = resins
mousse = cellular; foam
bois = wood; wooden
bois massif = wood
chêne = oak
hêtre = beech
pin = pine; coniferous
sapin, épicéa, résineux = fir; spruce; coniferous
bouleau = birch
bambou = bamboo
rotin = rattan
osier = osier; wickerwork
liège = cork
papier = paper
carton = paperboard; cartons
carton ondulé = corrugated paper paperboard
textile, tissu, étoffe = textile; fabrics
coton = cotton
laine = wool
soie = silk
lin = flax; linen
chanvre = hemp
jute = jute
viscose, rayonne = artificial; viscose rayon
fibre synthétique, fibres synthétiques = synthetic fibres
fibre artificielle = artificial fibres
cachemire = kashmir; fine animal hair
acier = steel
acier inoxydable, inox, inoxydable = stainless steel
fer = iron
fonte = cast iron
aluminium, alu = aluminium
cuivre = copper
laiton = brass; copper zinc
bronze = bronze; copper tin
zinc = zinc
plomb = lead
étain = tin
nickel = nickel
titane = titanium
tungstène = tungsten
magnésium = magnesium
métal, métallique = metal; base metal
métal commun = base metal
or, en or, or massif = gold; precious metal
argent = silver
platine = platinum
plaqué or = clad gold
verre = glass
cristal = crystal; lead crystal
céramique = ceramic
porcelaine = porcelain china
faïence = ceramic
grès = sandstone; ceramic
terre cuite = ceramic
pierre = stone
granit, granite = granite
marbre = marble
ardoise = slate
ciment = cement
béton = concrete
plâtre = plaster
brique = bricks

# ---- 01-05 Live animals and animal products -----------------------------------------
animal, animaux = animals
vivant = live
reproducteur, de race pure, race pure = pure-bred breeding
cheval, jument, poulain = horses
âne = asses
bovin, vache, boeuf, taureau, veau, génisse = bovine; cattle
buffle = buffalo
porc, cochon, porcin = swine
mouton, agneau, brebis, ovin = sheep
chèvre, caprin = goats
volaille = poultry
poulet, poule, coq, poussin = fowls gallus domesticus; poultry
canard = ducks
oie = geese
dinde = turkeys
pintade = guinea fowls
lapin = rabbits
gibier = game
viande = meat
abats = offal
carcasse = carcasses
désossé, sans os = boneless
jambon = hams
lard, poitrine de porc = bellies
graisse = fat; fats
poisson = fish
filet de poisson = fish fillets
saumon = salmon
thon = tunas
cabillaud, morue = cod
colin, lieu = hake; pollack
merlu = hake
sardine = sardines
anchois = anchovies
maquereau = mackerel
hareng = herrings
truite = trout
anguille = eels
crustacé = crustaceans
crevette, gambas = shrimps prawns
homard = lobsters
langouste = rock lobster
crabe = crabs
mollusque = molluscs
huître = oysters
moule = mussels; moulds
coquille saint-jacques, saint-jacques = scallops
calamar, calmar, encornet, seiche = cuttle fish squid
poulpe = octopus
escargot = snails
caviar = caviar
lait = milk
crème = cream
beurre = butter
fromage = cheese
fromage frais = fresh cheese
fromage râpé = grated cheese
yaourt, yoghourt = yoghurt
lactosérum, petit-lait = whey
oeuf = eggs
miel = honey
cheveux = hair
os = bones
corne = horns
ivoire = ivory

# ---- 06-14 Vegetable products ----------------------------------------------------------
plante, plant = plants
arbre, arbuste = trees; shrubs
bulbe = bulbs
fleur = flowers
fleurs coupées, fleur coupée, coupé, coupée = cut flowers
bouquet = bouquets
rose = roses
feuillage = foliage
légume = vegetables
pomme de terre, patate = potatoes
tomate = tomatoes
oignon, échalote = onions; shallots
ail = garlic
poireau = leeks
carotte = carrots
navet = turnips
chou = cabbages
chou-fleur = cauliflowers
brocoli = broccoli
laitue, salade = lettuce
endive = chicory
concombre, cornichon = cucumbers; gherkins
haricot = beans
petit pois, pois = peas
pois chiche = chickpeas
lentille = lentils; lenses
légumineuse = leguminous vegetables
champignon = mushrooms
truffe = truffles
poivron, piment = capsicum; pimenta
aubergine = aubergines
courgette = squash gourds
courge, potiron, citrouille = pumpkins
asperge = asparagus
artichaut = artichokes
épinard = spinach
olive = olives
manioc = manioc cassava
patate douce = sweet potatoes
fruit = fruit
fruit sec, fruits secs = nuts; dried fruit
pomme = apples
poire = pears
coing = quinces
abricot = apricots
cerise = cherries
pêche = peaches; fishing
nectarine = nectarines
prune, pruneau = plums; prunes
fraise = strawberries
framboise = raspberries
mûre = blackberries
myrtille = bilberries; blueberries
cassis = black currants
groseille = currants
canneberge, cranberry = cranberries
raisin = grapes
raisin sec, raisins secs = grapes dried
orange = oranges
citron = lemons
citron vert = limes
pamplemousse = grapefruit
mandarine, clémentine = mandarins; clementines
agrume = citrus
banane = bananas
ananas = pineapples
mangue = mangoes
avocat = avocados
goyave = guavas
papaye = papaws papayas
datte = dates
figue = figs
noix = walnuts; nuts
noisette = hazelnuts
amande = almonds
pistache = pistachios
noix de cajou, cajou = cashew nuts
noix de coco, coco = coconuts
arachide, cacahuète = ground-nuts
châtaigne = chestnuts
melon = melons
pastèque = watermelons
kiwi = kiwifruit
décortiqué = shelled
café = coffee
café soluble, café instantané, café lyophilisé = coffee extracts essences concentrates
torréfié = roasted
café vert = coffee not roasted
décaféiné = decaffeinated
thé = tea
maté = mate
épice = spices
poivre = pepper piper
vanille = vanilla
cannelle = cinnamon
clou de girofle, girofle = cloves
muscade = nutmeg
safran = saffron
gingembre = ginger
curcuma = turmeric
cumin = cumin
céréale = cereals
blé = wheat
blé dur = durum wheat
orge = barley
avoine = oats
maïs = maize corn
riz = rice
riz blanchi, riz usiné, riz blanc = rice semi-milled wholly milled
riz basmati, basmati = rice
seigle = rye
sorgho = sorghum
millet = millet
sarrasin = buckwheat
quinoa = quinoa
farine = flour
semoule = groats; meal
malt = malt
amidon, fécule = starches
gluten = gluten
soja = soya
colza = rape colza
tournesol = sunflower
graine, semence = seeds
sésame = sesame
graine de lin = linseed
houblon = hop cones
plante médicinale = plants pharmacy
algue = seaweeds algae
paille = straw
fourrage = fodder forage

# ---- 15 Fats and oils --------------------------------------------------------------------
huile = oils
huile d'olive = olive oil
huile vierge, vierge, vierge extra, extra vierge = virgin
huile de tournesol = sunflower oil
huile de colza = rape colza oil
huile de palme = palm oil
huile de soja = soya-bean oil
huile de coco = coconut copra oil
huile végétale = vegetable oils
margarine = margarine
saindoux = lard
cire = waxes

# ---- 16-24 Prepared foodstuffs, beverages, tobacco ------------------------------------------
charcuterie = sausages; meat preparations
saucisse, saucisson = sausages
pâté, terrine = meat preparations; liver
foie = liver
foie gras = liver prepared preserved
plat préparé, plat cuisiné = food preparations
sucre = sugar
sucre de canne = cane sugar
sucre de betterave, betterave = beet
confiserie, bonbon = sugar confectionery
chewing-gum = chewing gum
cacao = cocoa
chocolat = chocolate
chocolat noir = chocolate
tablette de chocolat, tablette = blocks slabs bars
pâte, pâtes, pâtes alimentaires, nouille, spaghetti, macaroni = pasta
couscous = couscous
pain = bread
biscuit = biscuits
biscuit sucré, gâteau sec, sablé = sweet biscuits
gâteau = cakes; pastry
pâtisserie, viennoiserie = pastry; bakers wares
céréales pour petit déjeuner, petit déjeuner = cereal swelling roasting
confiture = jams
marmelade = marmalades
gelée = jellies
compote, purée de fruits = fruit puree
jus = juice
jus de fruits = fruit juices
jus d'orange = orange juice
sauce = sauces
ketchup = tomato ketchup
frite, frites = potatoes prepared frozen
chips = potatoes prepared
moutarde = mustard
mayonnaise = sauces
soupe, potage, bouillon = soups; broths
glace, crème glacée, sorbet = ice cream
levure = yeasts
vinaigre = vinegar
vinaigre de vin, vinaigre balsamique, vinaigre de cidre = vinegar
complément alimentaire = food preparations
eau = waters
eau minérale = mineral waters
gazeuse, pétillante = aerated
boisson = beverages
soda, boisson gazeuse, limonade = waters sweetening aerated
bière = beer malt
vin = wine
vin mousseux, mousseux, champagne, crémant = sparkling wine
vin tranquille = still wine
vermouth = vermouth
cidre = cider
poiré = perry
hydromel = mead
alcool = ethyl alcohol
spiritueux, eau-de-vie = spirits
cognac, armagnac, brandy = spirits grape wine
whisky = whiskies
rhum = rum
gin = gin
vodka = vodka
liqueur = liqueurs
aliment pour animaux, nourriture pour animaux = animal feeding
aliment pour chien, aliment pour chat, croquettes, pâtée = dog cat food
tourteau = oil-cake
tabac = tobacco
cigare, cigarillo = cigars cigarillos
cigarette = cigarettes
cigarette électronique = nicotine inhalation

# ---- 25-27 Mineral products -----------------------------------------------------------------
sel, sel de table = salt
sable = sand
gravier = pebbles gravel
argile = clays
craie = chalk
chaux = lime
plâtre = plasters
minerai = ores
pétrole = petroleum oils
pétrole brut = crude petroleum oils
gazole, diesel, fioul, fuel = petroleum oils
essence = motor spirit; petroleum oils
huile moteur, lubrifiant = lubricating
charbon = coal
gaz naturel = natural gas
propane = propane
butane = butanes
bitume = bitumen
paraffine = paraffin wax
électricité, énergie électrique = electrical energy

# ---- 28-38 Chemical products ------------------------------------------------------------------
chimique, produit chimique = chemical
acide = acid
oxyde = oxides
engrais = fertilizers
azoté, azote = nitrogenous; nitrogen
urée = urea
phosphate, phosphaté = phosphates; phosphatic
potasse, potassique = potassic
médicament, remède = medicaments
comprimé, gélule = measured doses; tablets
conditionné pour la vente au détail, vente au détail, détail = retail sale
vaccin = vaccines
sang = blood
pansement, bandage = dressings; bandages
vitamine = vitamins
antibiotique = antibiotics
hormone = hormones
colorant, teinture = colouring matter; dyes
pigment = pigments
peinture = paints; paintings
vernis = varnishes
laque = lacquers
encre = ink
encre d'imprimerie = printing ink
mastic = mastics
parfum = perfumes
eau de toilette, eau de parfum, eau de cologne = perfumes toilet waters
huile essentielle = essential oils
cosmétique = cosmetic
maquillage = make-up
rouge à lèvres = lip make-up
mascara, fard à paupières, eye-liner = eye make-up
vernis à ongles = manicure pedicure
crème hydratante, crème visage, crème pour le visage, soin de la peau, soin, lotion = care skin
crème solaire = sunscreen sun tan
shampooing, shampoing, shampoing = shampoos
après-shampooing, soin capillaire, produit capillaire = hair preparations
laque pour cheveux = hair lacquers
dentifrice = dentifrices
bain de bouche = oral dental hygiene
fil dentaire = dental floss
déodorant = deodorants
rasage, mousse à raser = shaving
savon = soap
savon de toilette = soap toilet
lessive, détergent, produit de nettoyage, produit d'entretien = washing cleaning preparations
liquide vaisselle = washing preparations
cirage = polishes creams footwear
bougie = candles
colle = glues; adhesives
enzyme = enzymes
explosif = explosives
feux d'artifice, feu d'artifice = fireworks
allumette = matches
film photographique, pellicule = photographic film
insecticide = insecticides
herbicide, désherbant = herbicides
fongicide = fungicides
désinfectant = disinfectants
antigel = anti-freezing
biodiesel = biodiesel

# ---- 39-40 Plastics and rubber ------------------------------------------------------------------
granulé, granulés, granule, forme primaire, formes primaires = primary forms
sac, sachet = sacks bags
sac poubelle = sacks bags
bouteille = bottles
flacon = flasks; bottles
bouchon = stoppers; caps; corks
couvercle = lids
capsule = caps
film = film
feuille = sheets; film; foil
plaque = plates; sheets
bande = strip
tube, tuyau, tuyaux = tubes; pipes; hoses
flexible = hoses
raccord = fittings
rigide = rigid
souple = flexible
emballage = packing goods conveyance
boîte = boxes
caisse = cases; crates; boxes
bidon, jerrican = carboys
conteneur = containers
vaisselle = tableware
ustensile de cuisine, ustensiles de cuisine = kitchenware
seau = buckets
baignoire = baths
lavabo, évier = sinks wash basins
revêtement de sol = floor coverings
pneu, pneumatique = pneumatic tyres
rechapé = retreaded
chambre à air = inner tubes
gant = gloves
courroie = belts
joint = gaskets; seals
préservatif = sheath contraceptives

# ---- 41-43 Leather, travel goods, furskins ------------------------------------------------------
cuir tanné, tanné = tanned leather
sac à main = handbags
portefeuille, porte-monnaie, porte-cartes = carried in the pocket or in the handbag
valise, valises, trolley = suit-cases; trunks
bagage = travel goods; suit-cases
sac de voyage = travelling bags
sac à dos = travel bags
cartable = school satchels
mallette, attaché-case = brief-cases
trousse = cases
étui = cases
ceinture = belts
selle, sellerie = saddlery
harnais = harness
laisse, collier pour chien = leads dog
vêtement en cuir = apparel leather
manteau de fourrure, fourrure synthétique = furskin apparel; artificial fur

# ---- 44-46 Wood, cork, basketware ---------------------------------------------------------------
bois de chauffage = fuel wood
granulé de bois, granulés de bois, pellet = wood pellets
grume = wood in the rough
sciage, bois scié = wood sawn
planche = boards; sawn
contreplaqué = plywood
placage = veneer
panneau = panels; boards
aggloméré, panneau de particules = particle board
mdf, panneau de fibres = fibreboard
parquet = flooring panels
palette = pallets
caisse en bois = packing cases wood
tonneau, fût, barrique = casks barrels
charbon de bois = wood charcoal
cadre = frames
cintre = clothes hangers
ustensile en bois = tableware kitchenware wood
porte = doors
fenêtre = windows
menuiserie = joinery carpentry
bouchon en liège = corks stoppers
panier, corbeille = basketwork
vannerie = basketwork wickerwork
natte = mats

# ---- 47-49 Paper, printed matter ------------------------------------------------------------------
pâte à papier = pulp
vieux papiers = recovered waste paper
papier journal = newsprint
papier toilette, papier hygiénique = toilet paper
mouchoir = handkerchiefs
mouchoir en papier, mouchoirs en papier = paper handkerchiefs; facial tissues
essuie-tout = towels
serviette en papier = napkins; towels
ramette, papier pour photocopieur, papier photocopie, papier pour imprimante, papier d'impression = paper writing printing sheets
papier kraft = kraft paper
papier peint = wallpaper
enveloppe = envelopes
étiquette = labels
cahier = exercise books
carnet, bloc-notes = note books
agenda = diaries
classeur = binders
livre = books
journal = newspapers
magazine, revue = periodicals
carte postale = postcards
affiche = printed pictures
catalogue, prospectus, brochure = trade advertising material; brochures
calendrier = calendars
carte géographique = maps
gobelet en carton = cups paper

# ---- 50-63 Textiles and clothing ----------------------------------------------------------------
fil = yarn; thread; wire
fil à coudre = sewing thread
ficelle = twine
corde, cordage, cordelette = ropes cordage
filet = nets; fillets
tissu éponge, éponge = terry towelling
velours = pile fabrics velvet
denim = denim
feutre = felt
dentelle = lace
broderie = embroidery
ruban = ribbons
tulle = tulles
tapis = carpets
moquette = carpets floor coverings
noué, noué main, noué à la main = knotted
vêtement, habit = garments; apparel; clothing
t-shirt, tee-shirt, tshirt = t-shirts
débardeur = singlets vests
chemise = shirts
chemisier = blouses
polo = shirts knitted
pull, pullover, chandail, sweat, sweat-shirt, sweatshirt = jerseys pullovers
gilet = cardigans; waistcoats
veste = jackets; apparel
blouson, doudoune, parka, anorak = anoraks; wind-jackets; apparel
manteau = overcoats; apparel
imperméable = raincoats
costume = suits
tailleur = suits ensembles
pantalon = trousers; apparel
jean = trousers
short, bermuda = shorts
robe = dresses
jupe = skirts; apparel
sous-vêtement = underpants; briefs
slip, culotte, caleçon, boxer = briefs; underpants
soutien-gorge = brassieres
corset, gaine = corsets; girdles
chaussette = socks; hosiery
collant = tights panty hose
bas = stockings
pyjama = pyjamas
chemise de nuit = nightdresses
peignoir = dressing gowns bathrobes
maillot de bain = swimwear
survêtement = track suits
combinaison = overalls
écharpe, foulard, châle = shawls scarves
cravate = ties
layette, vêtement bébé, vêtements bébé, vêtements pour bébé = babies garments
accessoire du vêtement = clothing accessories
linge de lit, drap, housse de couette, taie d'oreiller, parure de lit = bed linen
nappe = table linen
serviette de bain, serviette de toilette, drap de bain = toilet linen; terry towelling
torchon = kitchen linen
linge de maison = bed table toilet kitchen linen
rideau, voilage = curtains
couverture, plaid = blankets
tente = tents
bâche = tarpaulins
voile = sails
chiffon = rags
fripe, vêtements usagés = worn clothing

# ---- 64-67 Footwear, headgear, umbrellas ------------------------------------------------------
chaussure, soulier = footwear; shoes
chaussure de sport, chaussures de sport, basket, baskets, chaussure de course, chaussure de running, running, sneaker, chaussure de tennis, chaussure de training = sports footwear; training shoes; tennis shoes
botte = boots; covering the ankle
bottine, chaussure montante = covering the ankle
sandale, nu-pieds = footwear straps
tong = upper straps thongs plugs
chausson, pantoufle = footwear
escarpin, chaussure de ville, mocassin = footwear
semelle = soles
semelle extérieure = outer soles
dessus, tige = uppers
talon = heels
chaussure de sécurité = metal toe-cap
chaussure de ski = ski-boots
chapeau = hats
casquette = hats headgear
bonnet = hats knitted
casque = safety headgear
parapluie = umbrellas
parasol = sun umbrellas
canne = walking-sticks
plume = feathers
duvet = down
fleur artificielle, fleurs artificielles = artificial flowers
perruque = wigs

# ---- 68-70 Stone, ceramics, glass ------------------------------------------------------------
pierre de taille, pierre taillée = monumental building stone worked
plan de travail = worked stone
meule = millstones grindstones
abrasif = abrasive
carrelage, carreau = tiles
dalle = flags paving
tuile = roofing tiles
brique réfractaire, réfractaire = refractory
cuvette de wc, wc, toilettes = water closet pans
vasque = sinks wash basins
assiette = tableware plates
tasse, mug = cups
bol = bowls
vase = ornamental articles
statuette, bibelot = statuettes ornamental
verre à boire, verres à boire, gobelet = drinking glasses
verre à pied = stemware
vitre, verre plat = glass sheets
double vitrage = multiple-walled insulating units
miroir = mirrors
bocal = jars
ampoule = lamps; ampoules
laine de verre = glass wool
fibre de verre = glass fibres
perle de verre = glass beads

# ---- 71 Precious metals and jewellery --------------------------------------------------------
perle = pearls
diamant = diamonds
pierre précieuse, pierres précieuses = precious stones
bijou, bijouterie, joaillerie, bague, collier, bracelet, boucle d'oreille, pendentif, chaîne en or = jewellery
bijoux fantaisie, bijou fantaisie, fantaisie = imitation jewellery
orfèvrerie = goldsmiths silversmiths wares
monnaie, pièce de monnaie = coin

# ---- 72-83 Base metals and articles thereof ------------------------------------------------
tôle = flat-rolled; sheets
barre = bars; rods
profilé = angles shapes sections
poutre, poutrelle = angles shapes sections
lingot = ingots
ferraille, déchet métallique = waste scrap
fil de fer, fil d'acier = wire
câble d'acier, câble métallique = stranded wire cables
grillage, treillis = netting fencing
chaîne = chains
vis = screws
boulon = bolts
écrou = nuts
rondelle = washers
rivet = rivets
clou, pointe = nails
agrafe = staples
ressort = springs
radiateur = radiators
chauffage central = central heating
poêle = stoves; pans
poêle à frire, poêle de cuisine, casserole, faitout, sauteuse = table kitchen household articles; pans
casserole, marmite, cocotte, faitout, batterie de cuisine = cooking kitchen household articles
ustensile = kitchenware; household articles
réservoir, cuve = tanks; reservoirs; vats
bouteille de gaz = containers compressed gas
échafaudage = scaffolding
charpente métallique, structure = structures
feuille d'aluminium, papier aluminium, papier alu = aluminium foil
canette, boîte de conserve = cans
outil = tools
outil à main, outillage à main = hand tools
scie = saws
lame = blades
tournevis = screwdrivers
marteau = hammers
pince, tenaille = pliers; pincers
clé, clef = keys; spanners
clé à molette = wrenches adjustable
clé plate = spanners wrenches non-adjustable
lime = files
perceuse = drills
foret, mèche = tools drilling
tronçonneuse = chain saws
meuleuse, ponceuse, scie électrique = tools working hand self-contained electric motor
couteau = knives
couteau de cuisine = knives fixed blades
ciseaux = scissors
rasoir = razors
couvert, couverts = cutlery spoons forks
cuillère = spoons
fourchette = forks
cadenas = padlocks
serrure = locks
charnière = hinges
poignée = handles; mountings fittings
coffre-fort = safes
cloche, sonnette = bells

# ---- 84 Machinery ---------------------------------------------------------------------------
machine, appareil = machines; apparatus
moteur = engines; motors
moteur diesel = compression-ignition engines diesel
moteur à essence, moteur à explosion = spark-ignition engines
moteur hors-bord = outboard motors
marin, propulsion marine = marine propulsion
turbine = turbines
chaudière = boilers
pompe = pumps
centrifuge = centrifugal
compresseur = compressors
ventilateur = fans
climatiseur, climatisation, clim = air conditioning machines
réfrigérateur, frigo, frigidaire = refrigerators
congélateur = freezers
pompe à chaleur = heat pumps
four = ovens; furnaces
filtre = filtering purifying
lave-vaisselle = dish washing machines household type
machine à laver, lave-linge = washing machines household laundry-type
sèche-linge = drying machines
grue = cranes
chariot élévateur = fork-lift trucks
transpalette = works trucks
ascenseur = lifts
convoyeur = conveyors
pelleteuse, excavatrice, pelle mécanique = excavators
bulldozer = bulldozers
tracteur = tractors
moissonneuse = harvesting
tondeuse, tondeuse à gazon = lawn mowers
pulvérisateur = sprayers
machine agricole = agricultural machinery
machine à coudre = sewing machines
métier à tisser = weaving looms
imprimante = printers; printing
imprimante laser = printers laser
photocopieur, photocopieuse = copying
ordinateur = automatic data processing machines
ordinateur portable, pc portable = portable automatic data processing machines
ordinateur de bureau = automatic data processing machines
clavier = keyboards
souris = input units
écran, moniteur = monitors; screen; display
disque dur, disque ssd, ssd = storage units
serveur = automatic data processing machines
machine-outil = machine tools
tour à métaux, tour = lathes
fraiseuse = milling
presse = presses
robinet, robinetterie, vanne, valve, clapet = taps cocks valves
mitigeur, mélangeur = taps mixing
roulement = bearings
roulement à billes = ball bearings
engrenage = gears gearing
boîte de vitesses = gear boxes
embrayage = clutches
distributeur automatique = vending machines
caisse enregistreuse = cash registers
balance = weighing
vérin = cylinders linear acting
hydraulique = hydraulic
pneumatique = pneumatic
robot = robots

# ---- 85 Electrical machinery -----------------------------------------------------------------
moteur électrique = electric motors
courant alternatif, alternatif = ac
courant continu = dc
monophasé = single-phase
triphasé = multi-phase
groupe électrogène, générateur = generating sets; generators
transformateur = transformers
chargeur, alimentation électrique = static converters
onduleur = static converters
batterie, accumulateur = accumulators
lithium-ion, lithium = lithium-ion
pile = primary cells batteries
aspirateur = vacuum cleaners
robot ménager, mixeur, blender = food grinders mixers
rasoir électrique = shavers
tondeuse à cheveux = hair clippers
sèche-cheveux = hair dryers
lisseur, fer à lisser = hair-dressing apparatus
fer à repasser = smoothing irons
bouilloire = electro-thermic appliances domestic
grille-pain = toasters
micro-ondes, four micro-ondes = microwave ovens
cafetière, machine à café, expresso = coffee tea makers
plaque de cuisson, cuisinière = cooking plates boiling rings; cookers
chauffe-eau = water heaters
radiateur électrique, chauffage électrique = space heating apparatus
téléphone = telephone
téléphone portable, téléphone mobile, mobile, smartphone, gsm = smartphones cellular networks
écouteurs, casque audio, oreillette = headphones earphones
haut-parleur, enceinte = loudspeakers
microphone, micro = microphones
amplificateur = amplifiers
télévision, téléviseur, tv, télé, poste de télévision, écran plat = reception television colour
écran plat = flat panel; screen; display
caméra = video cameras
appareil photo = digital cameras
radio = radio
alarme = alarms
antenne = aerials
câble électrique, fil électrique, câble = insulated electric conductors
connecteur, prise = plugs sockets connectors
interrupteur = switches
disjoncteur = circuit breakers
fusible = fuses
tableau électrique = boards panels electric control
lampe led, led, diode électroluminescente = light-emitting diode led
diode = diodes
transistor = transistors
circuit intégré, puce = integrated circuits
carte électronique, circuit imprimé = printed circuits
panneau solaire, panneau photovoltaïque, photovoltaïque, module photovoltaïque = photovoltaic cells modules panels
condensateur = capacitors
résistance = resistors
électroaimant, aimant = electro-magnets; magnets
isolateur = insulators

# ---- 86-89 Vehicles, aircraft, vessels --------------------------------------------------------
locomotive = locomotives
wagon = wagons
rail = rails
véhicule = vehicles
voiture, automobile, auto = motor cars vehicles
voiture électrique, véhicule électrique = vehicles electric motor propulsion
hybride = hybrid
camion, poids lourd = motor vehicles transport goods; lorries
camionnette, fourgon, utilitaire = motor vehicles transport goods
autobus, autocar, bus = motor vehicles transport ten persons
moto, motocyclette = motorcycles
scooter = motorcycles; scooters
cylindrée = cylinder capacity
vélo, bicyclette = bicycles
vélo électrique, vae = cycles electric motor propulsion
remorque = trailers
caravane, camping-car = caravan type trailers housing camping
poussette, landau = baby carriages
fauteuil roulant = carriages disabled persons
carrosserie = bodies
pare-chocs = bumpers
frein, plaquette de frein, plaquettes de frein = brakes
roue, jante = road wheels
pot d'échappement = silencers exhaust
volant = steering wheels
ceinture de sécurité = safety seat belts
siège auto = seats motor vehicles
avion = aeroplanes
hélicoptère = helicopters
drone = unmanned aircraft
parachute = parachutes
bateau, navire = vessels; boats; ships
voilier = sailboats
yacht = yachts
bateau de plaisance, plaisance = pleasure sports
bateau à moteur, vedette = motorboats
canoë, kayak = canoes
bateau pneumatique, gonflable = inflatable

# ---- 90-92 Instruments, clocks, musical instruments ------------------------------------------
lunettes = spectacles
lunettes de soleil = sunglasses
monture = frames spectacles
lentille de contact, lentilles de contact = contact lenses
objectif = objective lenses
jumelles = binoculars
microscope = microscopes
optique = optical
télescope = telescopes
thermomètre = thermometers
baromètre = barometers
compteur = meters
manomètre = pressure
instrument de mesure = measuring checking instruments
seringue = syringes
aiguille = needles
cathéter = catheters
stéthoscope = medical instruments
prothèse = artificial parts body; orthopaedic
orthopédique = orthopaedic
radiographie, rayons x = x-rays
échographe, échographie = ultrasonic scanning
appareil auditif = hearing aids
montre = watches
montre-bracelet, montre bracelet = wrist-watches
horloge, pendule, réveil = clocks
bracelet de montre = watch straps
à quartz, quartz = electrically operated
à aiguilles, aiguilles = mechanical display
piano = pianos
guitare = guitars string
violon = violins string bow
instrument à vent, flûte, trompette, saxophone, clarinette = wind musical instruments
tambour, percussion = percussion musical instruments
instrument de musique = musical instruments

# ---- 93 Arms -----------------------------------------------------------------------------------
arme = arms
fusil, carabine = rifles; shotguns
fusil de chasse = sporting hunting shotguns
pistolet, revolver = revolvers pistols
munition = ammunition
cartouche = cartridges
chasse = hunting

# ---- 94 Furniture, bedding, lighting ----------------------------------------------------------
meuble, mobilier = furniture
chaise, siège, fauteuil = seats
canapé, sofa, divan = seats; upholstered
tabouret = seats
chaise de bureau, fauteuil de bureau, siège de bureau = swivel seats variable height
pivotant = swivel
rembourré = upholstered
structure en bois, bâti en bois = wooden frames
structure métallique, structure en métal = metal frames
table = tables; furniture
armoire, placard, commode = furniture
étagère = furniture
lit = beds
meuble de cuisine, cuisine équipée = furniture kitchen
meuble de bureau = office furniture
matelas = mattresses
sommier = mattress supports
oreiller, coussin = cushions; pillows
couette, édredon = quilts eiderdowns
sac de couchage = sleeping bags
lampe = lamps; lighting
lampe de bureau, lampe de chevet, lampe de table = luminaires electric table desk bedside
lustre = chandeliers
luminaire, plafonnier, applique = luminaires lighting fittings
lampadaire = floor-standing lamps
enseigne lumineuse = illuminated signs
bâtiment préfabriqué, préfabriqué = prefabricated buildings

# ---- 95 Toys, games, sports equipment ---------------------------------------------------------
jouet = toys
poupée = dolls
peluche = toys stuffed
puzzle = puzzles
jeu = games
jeu de société, jeux de société = table parlour games
cartes à jouer, jeu de cartes = playing cards
console de jeux, console de jeu, console = video game consoles
jeu vidéo = video games
ballon = balls inflatable
balle = balls
raquette = rackets
tennis = lawn-tennis
ski = skis
fixation de ski = ski-fastenings
appareil de fitness, fitness, musculation = exercise
canne à pêche = fishing rods
hameçon = fish-hooks
décoration de noël, noël = festive christmas
trottinette = scooters wheeled toys
maquette, modèle réduit = reduced-size models
piscine = swimming pools

# ---- 96-97 Miscellaneous, works of art ---------------------------------------------------------
stylo = pens
stylo bille, stylo à bille, stylo-bille = ball point pens
stylo plume = fountain pens
stylo feutre, marqueur = felt tipped pens
crayon = pencils
brosse = brushes
brosse à dents = toothbrushes
balai = brooms
pinceau = brushes
peigne = combs
briquet = lighters
bouton = buttons
fermeture éclair, fermeture à glissière = slide fasteners
couche, couche bébé, couches bébé = napkins babies
serviette hygiénique = sanitary towels pads
tampon = tampons
thermos, bouteille isotherme, gourde isotherme = vacuum flasks
tableau, toile = paintings
peinture à l'huile, huile sur toile = paintings executed by hand
dessin = drawings
sculpture, statue = sculptures statuary
gravure = engravings
antiquité = antiques
timbre = stamps
objet de collection = collectors pieces
# ---- Everyday goods added with the CN search (cosmetics, appliances, household) --------
fond de teint, fond de teint liquide, blush, fard à joues = preparations care skin
poudre compacte, poudre pour le visage = make-up powders compressed
mascara, eye-liner, fard à paupières, crayon pour les yeux = eye make-up
rouge à lèvres, baume à lèvres, gloss = lip make-up
vernis à ongles, dissolvant = manicure pedicure preparations
crème solaire, écran solaire, crème hydratante, crème de jour, lait corporel = skin care preparations
déodorant, anti-transpirant = personal deodorants antiperspirants
parfum, eau de parfum, eau de toilette, eau de cologne = perfumes toilet waters
couche, couches pour bébé, couche-culotte, serviette hygiénique, tampon hygiénique = napkins diapers; sanitary towels
sèche-linge = drying machines
grille-pain = toasters
fer à repasser = smoothing irons
cafetière électrique, cafetière = coffee tea makers
# ---- Everyday goods by family: kitchen and table, small appliances, computing, electrical
# accessories, groceries, babies and pets, bags, tools, home, sports --------------------
assiette, assiettes, plat de service, saladier, bol, vaisselle = tableware kitchenware
tasse, mug, tasse à café = tableware kitchenware; household articles
verre à vin, verres à pied, flûte à champagne = stemware drinking glasses
cristal = lead crystal
ménagère, couverts, service de couverts = cutlery sets assorted articles; spoons forks
fourchette, cuillère, cuiller, louche = spoons forks ladles
boîte de conservation, boîte alimentaire, seau, poubelle, bassine = household articles
brosse à dents électrique = electro-mechanical domestic appliances
mixeur, blender, robot de cuisine, batteur, centrifugeuse, presse-agrumes électrique = food grinders mixers juice extractors
lisseur, fer à lisser, boucleur = hair-dressing apparatus electro-thermic
clé usb, clef usb, carte mémoire, carte sd = solid-state non-volatile storage
disque dur, disque dur externe = storage units
souris, clavier, souris d'ordinateur, clavier d'ordinateur, scanner = input output units
écran d'ordinateur, moniteur = monitors automatic data processing
routeur, box internet, modem, switch réseau = communication apparatus reception conversion transmission
rallonge, rallonge électrique, cordon d'alimentation, câble usb, câble hdmi = insulated electric conductors fitted connectors
chargeur, chargeur de téléphone, adaptateur secteur, alimentation = electrical static converters
batterie externe, powerbank, batterie lithium = accumulators lithium-ion
enceinte, haut-parleur, enceinte bluetooth, barre de son = loudspeakers
micro, microphone = microphones
appareil photo, appareil photo numérique, caméra, webcam, caméscope, caméra de surveillance = digital cameras; video camera recorders; television cameras
réveil = alarm clocks
horloge, pendule = clocks
pizza, quiche, tarte, gâteau, viennoiserie, croissant, brioche = bakers wares; pastry cakes
boisson énergisante, soda, boisson gazeuse sucrée, cola = non-alcoholic beverages; waters containing added sugar
lait infantile, lait en poudre pour bébé, céréales pour bébé = food preparations infants young children retail sale
petits pots pour bébé = homogenised preparations infants
tomates pelées, sauce tomate en conserve, coulis de tomate = tomatoes prepared preserved whole pieces
chips, frites surgelées = potatoes prepared preserved
soupe, potage, bouillon = soups broths
céréales du petit déjeuner, corn flakes, muesli = swelling roasting cereals
saucisse, saucisson, chorizo = sausages
bonbons, confiserie, sucette, caramel = sugar confectionery
chewing-gum = chewing gum
en sachets, sachet de thé, sachets = immediate packings not exceeding 3kg
thé noir = black fermented tea
collier pour chien, laisse, harnais pour chien = saddlery harness animal
sacoche, sacoche pour ordinateur, housse d'ordinateur, étui = cases; containers
sac à dos = rucksacks; bags
valise, bagage = suitcases trunks
parapluie = umbrellas telescopic shaft
couverture, plaid = blankets travelling rugs
oreiller, coussin, couette, édredon = bedding quilts eiderdowns cushions pillows
cadre photo = frames photographs
balai = brooms brushes
marteau = hammers
vis, boulon = threaded screws bolts
cadenas = padlocks
colle = glues adhesives
tondeuse à gazon = mowers lawn
tronçonneuse, scie électrique = saws self-contained electric motor
club de golf = golf clubs
canne à pêche = fishing rods
film étirable, film plastique, film alimentaire, film polyéthylène = plates sheets film foil plastics polymers ethylene
ruban adhésif, scotch, adhésif d'emballage = self-adhesive plates sheets film tape plastics rolls
big bag, big bags, grand récipient vrac souple = flexible intermediate bulk containers
cintre, cintres = clothes hangers; articles
bougie d'allumage, bougies d'allumage = sparking plugs
huile moteur, huile de moteur, huile pour moteur, lubrifiant, huile de graissage = lubricating oils petroleum
agrafeuse = office machines
agrafe, agrafes = staples strips
sécateur = secateurs pruners shears
cisailles à haies, taille-haie manuel = hedge shears two-handed
masque chirurgical, masques chirurgicaux, masque de protection, masque en tissu = made up articles textile
nitrile, latex = vulcanised rubber
gant jetable, gants jetables = gloves mittens
pansement adhésif, pansements adhésifs, sparadrap = adhesive dressings
pansement, pansements = adhesive dressings; bandages
tire-bouchon, tire-bouchons, ouvre-bouteille, décapsuleur = household tools hand
serviette en papier, serviettes en papier, serviette de table en papier, nappe en papier = tablecloths serviettes paper
patin à roulettes, patins à roulettes, roller, rollers = roller skates
patin à glace, patins à glace = ice skates
balance de cuisine, pèse-personne, balance ménagère = weighing machines personal household scales
après-shampooing, après-shampoing, masque capillaire, coloration, coloration pour cheveux, teinture pour cheveux, gel coiffant, cire coiffante = preparations use hair
sérum, sérum visage, crème contour des yeux, contour des yeux, crème de nuit, crème anti-âge, gommage, masque visage, démaquillant, lait démaquillant, eau micellaire = preparations care skin
gel douche, crème de douche, savon liquide, gel lavant = organic surface-active washing skin liquid cream retail
bain moussant = preparations bath
huile essentielle, huiles essentielles = essential oils
bougie parfumée, bougies parfumées = candles
parmesan, gruyère, emmental, comté, beaufort = grated powdered cheese; cheese
râpé, râpée = grated powdered
macaron, macarons, madeleine, financier, éclair, biscuit sucré = bakers wares; pastry cakes biscuits
vin rosé, rosé = wine fresh grapes
en bouteille, bouteilles = bottles; containers holding 2 litres less
# ---- Second round: everyday goods chapter by chapter (shop words, trade names) ---------
# 03-08 food
crevette, crevettes, gambas = shrimps prawns
saumon fumé = salmon smoked
thon en conserve, thon en boîte, miettes de thon = tunas prepared preserved
oignon, oignons, échalote = onions shallots
avocat, avocats = avocados
banane, bananes = bananas other than plantains
amande, amandes = almonds
noix de cajou, cajou = cashew nuts
café moulu, café en grains, café torréfié = coffee roasted
café décaféiné = coffee roasted decaffeinated
sucre en poudre, sucre blanc, sucre cristallisé, sucre semoule = sucrose chemically pure solid
spaghetti, pâtes, pâtes alimentaires, tagliatelles, penne, macaroni, nouilles = pasta uncooked not stuffed
pâtes aux oeufs = pasta uncooked containing eggs
riz blanc, riz basmati, riz thaï = rice semi-milled wholly milled
bière, bières, bière blonde = beer made from malt
bière sans alcool = non-alcoholic beer
eau minérale, eau de source, eau gazeuse = mineral waters aerated waters not containing added sugar
sel de table, sel fin, sel de cuisine = salt
# 30-38 chemicals, household
savon de marseille, savonnette, pain de savon = soap bars cakes toilet
lessive, lessive en poudre = washing cleaning preparations powders
liquide vaisselle, produit vaisselle, nettoyant ménager, produit d'entretien = washing cleaning preparations surface-active retail sale
peinture acrylique, peinture à l'eau = paints varnishes acrylic aqueous medium
test de grossesse, autotest = diagnostic reagents
# 39-40 plastics and rubber
préservatif, préservatifs = sheath contraceptives
chambre à air = inner tubes
# 42 leather
portefeuille, porte-monnaie, porte-cartes = wallets purses articles carried pocket handbag
ceinture en cuir, ceinture = belts bandoliers
# 44-49 wood, paper
palette, palettes, palette en bois = pallets box pallets load boards
carton d'emballage, cartons d'emballage, carton ondulé, boîte en carton = cartons boxes cases corrugated paper paperboard
mouchoir en papier, mouchoirs en papier, mouchoirs jetables = handkerchiefs cleansing facial tissues
essuie-tout = towels paper
cahier, cahiers, carnet, bloc-notes = exercise books notebooks
enveloppe, enveloppes = envelopes
# 61-65 clothing, textiles, headgear
jean, jeans = trousers denim cotton
pull, pull-over, pullover, chandail = jerseys pullovers
soutien-gorge = brassieres
écharpe, étole, foulard = shawls scarves
cravate, noeud papillon = ties bow ties cravats
casquette, bonnet, chapeau = hats headgear knitted textile
serviette de bain, drap de bain = toilet linen terry towelling
drap housse, parure de lit, housse de couette, taie d'oreiller = bed linen
sac de couchage = sleeping bags
tongs = footwear upper straps thongs assembled sole plugs
# 69-70 ceramics, glass
bouteille en verre, bocal, bocaux, pot en verre = carboys bottles flasks jars glass
carrelage, carreau, faïence murale = tiles ceramic flags paving
# 73-83 metals, tools
poêle, poêle à frire, casserole, faitout, sauteuse, cocotte = table kitchen household articles
clou, clous, pointe = nails tacks drawing pins
fil barbelé = barbed wire
échelle, escabeau = ladders; articles
clé à molette = spanners wrenches adjustable
clé plate, clé mixte = spanners wrenches non-adjustable
tournevis = screwdrivers
pince, pinces, tenaille = pliers pincers tweezers
serrure, serrure de porte, verrou = locks
rasoir jetable, rasoirs jetables, rasoir manuel = razors
# 84-85 machines, appliances
perceuse sans fil, visseuse, perceuse-visseuse = drills self-contained electric motor
meuleuse, disqueuse = grinders self-contained electric motor
ventilateur, ventilateur de table, ventilateur sur pied = fans table floor wall
climatiseur, climatisation = air conditioning machines
imprimante laser, imprimante jet d'encre, imprimante = printers
tablette tactile, tablette numérique, ipad = automatic data processing machines portable
détecteur de fumée, alarme incendie, alarme anti-intrusion = burglar fire alarms
radiateur électrique, convecteur, chauffage d'appoint = space heating apparatus electric
piles alcalines, pile alcaline = primary cells batteries manganese dioxide
pile bouton, pile lithium = primary cells batteries lithium
ampoule led, ampoule, ampoules = led lamps light sources
casque audio, casque bluetooth, écouteurs, oreillettes = headphones earphones
# 87 vehicles
vélo, bicyclette, vtt = bicycles cycles not motorised
vélo électrique, vae, trottinette électrique = cycles electric motor propulsion
brouette, chariot de jardin = vehicles; trailers vehicles not mechanically propelled
poussette, landau = baby carriages
siège auto, siège auto enfant = seats motor vehicles
# 90-95 instruments, furniture, toys, sport
lentille de contact, lentilles de contact = contact lenses
lunettes de soleil = sunglasses
table en bois, table en bois massif, table de salle à manger, buffet, commode = furniture wooden
haltère, haltères, kettlebell, banc de musculation, tapis de course = gymnastics athletics equipment
ballon de football, ballon de basket, ballon de volley, ballon de rugby = balls inflatable
raquette de tennis = lawn-tennis rackets
raquette de badminton, raquette de ping-pong = badminton rackets
console de jeux, manette de jeu = video game consoles machines
cartes à jouer, jeu de cartes = playing cards
peluche, peluches, doudou = toys stuffed
puzzle, puzzles = puzzles
briquet, briquets = lighters gas
stylo à bille, stylo bille, stylos = pens ball point
crayon de couleur, crayons de couleur, crayon à papier, crayons = pencils crayons leads encased sheath
# kitchen, home and food words met while walking chapters 02-23 and 84-95
filet de poulet, filets de poulet, blanc de poulet, escalope de poulet, cuisse de poulet = cuts offal fowls gallus domesticus
oeufs frais, oeufs de poule, oeufs en coquille = eggs in shell fresh fowls gallus domesticus
beurre doux, beurre demi-sel = butter dairy produce
cerneaux de noix, noix décortiquées = walnuts shelled
noix = walnuts
mayonnaise, vinaigrette, sauce salade, sauce barbecue = sauces preparations mixed condiments seasonings
croquettes pour chien, croquettes pour chat, pâtée pour chat, pâtée pour chien, nourriture pour chien, nourriture pour chat, aliment pour animaux = dog cat food
moulin à café, moulin à café électrique, moulin à épices = food grinders
plaque à induction, plaque de cuisson, table de cuisson, cuiseur à riz, cuiseur vapeur, four électrique, mini-four, friteuse, gaufrier, appareil à raclette = ovens cookers cooking plates boiling rings grillers roasters
montre connectée, bracelet connecté, smartwatch = machines reception conversion transmission regeneration data
câble de recharge, câble usb-c, câble lightning, câble ethernet, câble réseau = insulated electric conductors fitted connectors
nettoyeur haute pression, nettoyeur vapeur, karcher = jet projecting machines steam sand blasting
lit superposé, lit en bois, cadre de lit, tête de lit, armoire, table de chevet = furniture wooden bedroom
meuble de cuisine, meubles de cuisine, placard de cuisine = furniture wooden kitchen
bureau en métal, bureau métallique, armoire métallique, vestiaire métallique = furniture metal office
décoration de noël, décorations de noël, boule de noël, boules de noël, guirlande de noël, sapin artificiel = festive articles christmas festivities
sac cabas, cabas, tote bag, sac de courses, sac shopping = handbags outer surface textile materials; shopping bags
sac plastique, sacs plastique, sacs en plastique, sac poubelle, sacs poubelle, sachet plastique = sacks bags polymers ethylene
gobelet, gobelets, gobelet en carton, gobelets en carton, gobelet jetable, assiette en carton = trays dishes plates cups paper paperboard
# car parts, office, medical, building, music, boats, groceries (third walk)
batterie de voiture, batterie auto, batterie de démarrage, batterie plomb = accumulators lead-acid starting piston engines
essuie-glace, essuie-glaces, balai d'essuie-glace = windscreen wipers
plaquette de frein, plaquettes de frein, disque de frein, disques de frein, étrier de frein = brakes servo-brakes parts vehicle
pot d'échappement, silencieux d'échappement = silencers mufflers exhaust pipes parts vehicle
amortisseur, amortisseurs = suspension shock-absorbers parts vehicle
rétroviseur = rear-view mirrors
engrais npk, engrais complet, engrais ternaire = fertilizers three fertilizing elements nitrogen phosphorus potassium
cartouche d'encre, cartouches d'encre, toner, cartouche de toner = printing machinery parts accessories
papier a4, papier pour photocopieur, papier d'impression, ramette de papier = uncoated paper printing writing
destructeur de documents, broyeur de documents, déchiqueteuse = office machines
tableau blanc, tableau noir, ardoise, tableau d'affichage = slates boards writing drawing surfaces
stéthoscope, tensiomètre, otoscope, abaisse-langue = medical surgical instruments appliances
thermomètre médical, thermomètre digital, thermomètre frontal = thermometers pyrometers
béquille, béquilles, attelle, genouillère, minerve, orthèse = orthopaedic fracture appliances crutches
appareil auditif, appareils auditifs, prothèse auditive = hearing aids
coupe-ongles, lime à ongles, pince à épiler, trousse de manucure = manicure pedicure sets instruments nail files
batterie de musique, batterie acoustique, tambour, djembé, cymbale, xylophone = musical instruments percussion drums
violon, violoncelle, contrebasse, alto = string musical instruments bow
lunettes de lecture, lunettes de vue, lunettes de protection = spectacles goggles corrective protective
plaque de plâtre, plaques de plâtre, placoplâtre, placo = plaster boards sheets panels faced paper
comprimés de paracétamol, paracétamol, ibuprofène, aspirine, antidouleur, sirop contre la toux = medicaments therapeutic prophylactic retail sale
gilet de sauvetage, bouée de sauvetage = life-jackets life-belts
skateboard, planche à roulettes, trampoline, balançoire, toboggan = equipment outdoor games recreation
bateau pneumatique, canot pneumatique, zodiac = yachts vessels pleasure sports inflatable
frites surgelées, pommes frites surgelées = potatoes prepared preserved frozen
maïs doux, maïs en conserve = sweetcorn zea mays prepared preserved
olives vertes, olives noires, olives en saumure = olives prepared preserved
nouilles instantanées, ramen = pasta cooked otherwise prepared
gousse de vanille, gousses de vanille = vanilla
planche à découper, planche à pain, planche de cuisine = tableware kitchenware wood
gourde, bouteille isotherme, bouteille réutilisable = table kitchen household articles
thermos, bouteille thermos = vacuum flasks vessels
pot de fleurs, pots de fleurs, cache-pot, jardinière = ornamental articles; household articles
# cosmetics, drinks, jewellery, garments, appliances, groceries, sport (fourth walk)
crème pour les mains, crème mains, crème pour le corps, crème pour les pieds, baume corporel = preparations care skin
mousse à raser, gel de rasage, crème à raser, après-rasage = shaving preparations
sels de bain, sel de bain, perles de bain = bath preparations
dissolvant pour vernis, dissolvant = manicure pedicure preparations
thé glacé, ice tea, boisson au thé = non-alcoholic beverages
chaîne en or, chaîne en argent, gourmette, chaînette = jewellery precious metal
polo, polos = shirts knitted crocheted
hotte, hotte de cuisine, hotte aspirante = hoods
flocons = flakes; flaked
flocons d'avoine, avoine en flocons, porridge = oats rolled flaked grains
levure chimique, poudre à lever = baking powders prepared
concentré de tomate, purée de tomate, double concentré de tomate = tomatoes prepared preserved
pâte à tartiner, pâte à tartiner aux noisettes, pâte à tartiner au chocolat = chocolate food preparations containing cocoa
pop-corn, popcorn, maïs soufflé = prepared foods swelling roasting cereals
moulinet, moulinet de pêche = fishing reels
table de ping-pong, table de tennis de table = table-tennis equipment
canapé convertible, canapé-lit, clic-clac, banquette-lit = seats convertible into beds
# industrial supplies (fifth walk): chemicals, plastics, metals, valves, robots
soude caustique, hydroxyde de sodium = sodium hydroxide caustic soda solid
eau oxygénée, peroxyde d'hydrogène = hydrogen peroxide
résine époxy, époxy = epoxide resins
résine pvc, pvc en poudre = poly vinyl chloride not mixed
mastic silicone, mastic, joint silicone, mastic d'étanchéité = mastics caulking compounds
profilé, profilés, profilés en aluminium, profilé aluminium = profiles; bars rods profiles
câble en acier, câble d'acier, élingue = stranded wire ropes cables iron steel
robot industriel, bras robotisé = industrial robots
"""

# Everyday English -> nomenclature wording. Only where the HS says it differently.
EN_EN = """
# ---- Food and drink ---------------------------------------------------------------------
beef, veal = bovine
pork = swine
chicken = fowls gallus domesticus
lamb, mutton = sheep
ham = hams
bacon = bellies
prawn = shrimps prawns
shrimp = shrimps prawns
squid = cuttle fish squid
canned, tinned = prepared or preserved
boneless = boneless
cookie, cookies = sweet biscuits
candy, sweets = sugar confectionery
chips, crisps = potatoes prepared
french fries, fries = potatoes prepared frozen
noodles, spaghetti, macaroni = pasta
jam = jams
jelly = jellies
yoghurt = yoghurt
soda, soft drink = waters sweetening
sparkling water = mineral aerated waters
liquor, spirits = spirits
brandy, cognac, armagnac = spirits grape wine
champagne, prosecco, cava = sparkling wine
whisky, whiskey, scotch = whiskies
cider = cider
dog food, cat food, pet food = dog cat food
animal feed, feed = animal feeding
soy, soya = soya
peanut = ground-nuts
corn = maize
rice = rice
flour = flour
vegetable oil = vegetable oils
extra virgin = extra virgin
# ---- Chemicals, cosmetics --------------------------------------------------------------
medicine, drug, drugs, tablets, pills, capsules = medicaments; measured doses
painkiller = medicaments
bandage = bandages dressings
perfume, fragrance, cologne = perfumes; toilet waters
makeup, make up = make-up
lipstick, lip gloss, lip balm = lip make-up
mascara, eyeliner, eyeshadow, eye shadow = eye make-up
nail polish, nail varnish = manicure pedicure
face cream, moisturiser, moisturising cream, skin cream, lotion, skincare, skin care = care skin
sunscreen, sun cream = sunscreen sun tan
shampoo = shampoos
conditioner, hair care = hair preparations
hair spray, hairspray = hair lacquers
toothpaste = dentifrices
mouthwash = oral dental hygiene
deodorant = deodorants
detergent, laundry detergent, washing powder, laundry = washing cleaning preparations
dish soap, washing up liquid = washing preparations
candle = candles
glue, adhesive = glues adhesives
paint = paints
fertiliser = fertilizers
fireworks = fireworks
water based, waterborne, water-based = aqueous medium
# ---- Plastics, rubber, leather, wood, paper ----------------------------------------------
plastic = plastics
polyethylene, polythene, pe = polyethylene; polymers ethylene
polypropylene, pp = polypropylene; polymers propylene
polystyrene = polystyrene; polymers styrene
pvc = polymers vinyl chloride
pet = polyethylene terephthalate
nylon = polyamides
foam = cellular
granules, pellets, resin = primary forms
bag = bags; sacks
tire, tyre = pneumatic tyres
purse = handbags
wallet, card holder = carried in the pocket or in the handbag
suitcase, luggage, trolley case = suit-cases; trunks
backpack, rucksack = travel bags
briefcase = brief-cases
timber, lumber = wood sawn
basket = basketwork
wicker = wickerwork; osier
rattan = rattan
utensil, kitchen utensil, kitchenware = kitchenware; tableware
mdf = fibreboard
chipboard = particle board
box, boxes = boxes; cases; cartons
cardboard = paperboard
toilet roll, toilet tissue = toilet paper
tissues, paper tissues, kleenex = handkerchiefs facial tissues
notebook, notebooks, notepad = exercise books; note books
copy paper, printer paper = paper writing printing sheets
# ---- Textiles, clothing, footwear ---------------------------------------------------------
polyester = synthetic; polyesters
acrylic = acrylic
viscose, rayon = artificial
cashmere = kashmir
fabric, cloth = fabrics woven
clothes, clothing, garment, apparel = garments; apparel
tshirt, tee shirt, t shirt, tee = t-shirts
sweater, jumper, pullover, hoodie, sweatshirt = jerseys pullovers
cardigan = cardigans
jeans = trousers
pants, slacks = trousers; apparel
shorts = shorts
dress = dresses
coat = overcoats; coats; apparel
jacket, blazer = jackets; apparel
parka, anorak, windbreaker = anoraks
underwear, panties, boxers = underpants; briefs
bra = brassieres
sock = socks hosiery
tights, pantyhose = tights panty hose
pyjamas = pyjamas
swimsuit, swimwear, bikini = swimwear
tracksuit = track suits
scarf = shawls scarves
baby clothes, baby clothing, babywear = babies garments
towel, bath towel = toilet linen; terry towelling
bed sheet, bed sheets, duvet cover, pillowcase = bed linen
tablecloth = table linen
curtain = curtains
rug = carpets
tent = tents
rope = ropes cordage
shoe, shoes = footwear; shoes
sneaker, sneakers, trainer, trainers, running shoe, running shoes, sport shoe, sports shoes, tennis shoe, jogging shoe = sports footwear; training shoes; tennis shoes
boot = boots; covering the ankle
ankle boot = covering the ankle
sandal = footwear straps
flip flop, flip flops, thong = upper straps thongs plugs
slipper = footwear
cap, hat, beanie = hats headgear
helmet = safety headgear
umbrella = umbrellas
wig = wigs
# ---- Stone, ceramics, glass, jewellery, metals -----------------------------------------------
tile, tiles = tiles
worktop, countertop = worked stone
toilet bowl, toilet, wc = water closet pans
washbasin, basin = sinks wash basins
bathtub = baths
dinnerware, crockery = tableware
mug = cups
tumbler, tumblers, drinking glass = drinking glasses
double glazing, insulating glass = multiple-walled insulating units
glass wool, fibreglass = glass wool; glass fibres
jewellery, necklace, ring, bracelet, earrings, pendant, engagement ring, wedding ring, brooch = jewellery
gold, solid gold = gold; precious metal
costume jewellery, fashion jewellery = imitation jewellery
stainless = stainless steel
screw = screws
bolt = bolts
nut = nuts
nail = nails
pan, saucepan, pot, cookware, frying pan = cooking kitchen household articles
cutlery = cutlery spoons forks
kitchen knife, kitchen knives, chef knife = knives fixed blades
knife = knives
wrench, spanner = spanners wrenches
screwdriver = screwdrivers
hammer = hammers
drill = drills
drill bit = tools drilling
lock = locks
padlock = padlocks
tin foil, kitchen foil = aluminium foil
can = cans
# ---- Machines, electrical, vehicles ----------------------------------------------------------
laptop, notebook computer, portable computer = portable automatic data processing machines
computer, pc, desktop computer = automatic data processing machines
keyboard = keyboards
monitor, screen, display = monitors; screen; display
hard drive, ssd = storage units
printer = printers
copier, photocopier = copying
fridge, refrigerator = refrigerators
freezer = freezers
dishwasher = dish washing machines household type
washing machine = washing machines household laundry-type
tumble dryer, clothes dryer = drying machines
air conditioner, air conditioning, aircon = air conditioning machines
heat pump = heat pumps
boiler = boilers
forklift, forklift truck = fork-lift trucks
crane = cranes
excavator, digger = excavators
tractor = tractors
lawn mower, lawnmower, mower = lawn mowers
faucet, tap = taps cocks valves
valve = valves
gearbox = gear boxes
bearing = bearings
engine = engines
outboard = outboard motors
diesel engine = compression-ignition engines diesel
petrol engine, gasoline engine = spark-ignition engines
vacuum cleaner, hoover = vacuum cleaners
blender, food processor, mixer = food grinders mixers
shaver, electric razor = shavers
hair dryer, hairdryer, blow dryer = hair dryers
clothes iron, steam iron = smoothing irons
kettle, electric kettle = electro-thermic appliances domestic
toaster = toasters
microwave, microwave oven = microwave ovens
coffee machine, coffee maker, espresso machine = coffee tea makers
cooker, stove, cooktop, hob = cooking plates boiling rings; cookers
water heater = water heaters
phone, telephone = telephone
smartphone, mobile phone, cell phone, cellphone, cellular phone = smartphones cellular networks
headphones, earphones, earbuds, headset = headphones earphones
speaker, speakers = loudspeakers
tv, television, tv set, television set, flat screen tv, smart tv = reception television colour
camera = cameras
battery, batteries = accumulators; batteries
lithium = lithium-ion
charger, power supply, power adapter, adapter = static converters
inverter = static converters
generator = generating sets
cable, wire = insulated electric conductors; wire
plug, socket = plugs sockets
switch = switches
circuit breaker = circuit breakers
light bulb, bulb = lamps
led = light-emitting diode led
solar panel, solar panels, solar module = photovoltaic cells modules panels
microchip = integrated circuits
pcb, circuit board = printed circuits
car, automobile = motor cars vehicles
electric car, ev = vehicles electric motor propulsion
truck, lorry, van, pickup = motor vehicles transport goods; lorries
bus, coach = motor vehicles transport ten persons
motorbike, motorcycle = motorcycles
bike, bicycle = bicycles
ebike, e bike, electric bike, electric bicycle = cycles electric motor propulsion
trailer = trailers
caravan, camper = caravan type trailers housing camping
pram, stroller, pushchair, buggy = baby carriages
wheelchair = carriages disabled persons
brake, brake pad, brake pads = brakes
bumper = bumpers
wheel, rim = road wheels
exhaust, muffler = silencers exhaust
plane, airplane, aircraft = aeroplanes
drone = unmanned aircraft
boat, ship = vessels; boats
sailboat, sailing boat = sailboats
motorboat, speedboat = motorboats
kayak, canoe = canoes
# ---- Instruments, furniture, toys, miscellaneous -----------------------------------------------
sunglasses = sunglasses
spectacles, eyeglasses, pair of glasses, eye glasses = spectacles
contact lens = contact lenses
binoculars = binoculars
thermometer = thermometers
syringe = syringes
hearing aid = hearing aids
watch, wristwatch = wrist-watches; watches
quartz = electrically operated
analog, analogue = mechanical display
clock, alarm clock = clocks
guitar = guitars string
violin = violins string bow
drum, drums = percussion musical instruments
gun, firearm = firearms
rifle = rifles
shotgun = shotguns
pistol, handgun = revolvers pistols
ammo, ammunition, bullets = ammunition cartridges
furniture, cabinet, cupboard, wardrobe, dresser = furniture
kitchen cabinet, kitchen cabinets, kitchen unit = furniture kitchen
chair, seat, stool, armchair = seats
office chair, desk chair = swivel seats variable height
sofa, couch = seats; upholstered
desk = furniture office
shelf, shelving, bookcase = furniture
bed = beds
mattress = mattresses
pillow, cushion = cushions; pillows
duvet, quilt, comforter = quilts eiderdowns
sleeping bag = sleeping bags
lamp = lamps; lighting
desk lamp, table lamp, bedside lamp, reading lamp = luminaires electric table desk bedside
chandelier = chandeliers
light fitting, luminaire, ceiling light = luminaires lighting fittings
toy = toys
doll = dolls
teddy bear, plush, stuffed toy = toys stuffed
puzzle, jigsaw = puzzles
board game = table parlour games
playing cards = playing cards
game console, video game console, games console = video game consoles
ball = balls
racket, racquet = rackets
pen, ballpoint, ball pen, biro = pens; ball point
pencil = pencils
marker, felt pen = felt tipped pens
brush = brushes
toothbrush = toothbrushes
comb = combs
lighter = lighters
button = buttons
zip, zipper = slide fasteners
diaper, diapers, nappy, nappies = napkins babies
painting, oil painting = paintings executed by hand
sculpture, statue = sculptures statuary
antique = antiques
# ---- Everyday goods added with the CN search (cosmetics, appliances, household) --------
foundation, foundation make-up, liquid foundation, blusher = preparations care skin
face powder, compact powder = make-up powders compressed
mascara, eyeliner, eye shadow, eyeshadow = eye make-up
lip balm, lip gloss = lip make-up
nail polish, nail varnish = manicure pedicure preparations
sunscreen, sun cream, moisturiser, moisturizer, face cream, body lotion = skin care preparations
deodorant, antiperspirant = personal deodorants antiperspirants
perfume, eau de parfum, cologne = perfumes toilet waters
diaper, nappy, baby diapers, sanitary pad, tampon = napkins diapers; sanitary towels
tumble dryer, clothes dryer = drying machines
frying pan, saucepan, pan, pot, casserole dish = table kitchen household articles
wine vinegar, cider vinegar, balsamic vinegar = vinegar
instant coffee, soluble coffee = coffee extracts essences concentrates
# ---- Everyday goods by family: kitchen and table, small appliances, computing, electrical
# accessories, groceries, babies and pets, bags, tools, home, sports --------------------
plate, plates, dinner plate, dinner plates, bowl, salad bowl, dinnerware, dinner set = tableware kitchenware
mug, coffee mug, cup, teacup = tableware kitchenware; household articles; cups
wine glass, wine glasses, champagne flute, stemware = stemware drinking glasses
crystal = lead crystal
cutlery, cutlery set, flatware = cutlery sets assorted articles; spoons forks
fork, spoon, ladle = spoons forks ladles
food container, storage box, bucket, bin, trash can, dustbin = household articles
electric toothbrush = electro-mechanical domestic appliances
blender, food processor, mixer, juicer, stand mixer = food grinders mixers juice extractors
hair straightener, curling iron = hair-dressing apparatus electro-thermic
usb flash drive, usb stick, usb drive, flash drive, memory card, sd card = solid-state non-volatile storage
hard drive, hard disk, external hard drive = storage units
mouse, computer mouse, keyboard, computer keyboard, scanner = input output units
monitor, computer monitor = monitors automatic data processing
router, wifi router, modem, network switch = communication apparatus reception conversion transmission
extension cord, extension lead, power cord, usb cable, hdmi cable = insulated electric conductors fitted connectors
charger, phone charger, power adapter, power supply = electrical static converters
power bank, lithium battery = accumulators lithium-ion
speaker, loudspeaker, bluetooth speaker, soundbar = loudspeakers
microphone = microphones
camera, digital camera, webcam, camcorder, security camera, cctv camera = digital cameras; video camera recorders; television cameras
alarm clock = alarm clocks
clock, wall clock = clocks
pizza, quiche, pie, cake, pastry, croissant, muffin = bakers wares; pastry cakes
energy drink, soft drink, soda, cola, fizzy drink = non-alcoholic beverages; waters containing added sugar
infant formula, baby formula, baby milk, baby cereal = food preparations infants young children retail sale
baby food = homogenised preparations infants
canned tomatoes, peeled tomatoes, tomato puree = tomatoes prepared preserved whole pieces
crisps, potato chips = potatoes prepared preserved
soup, broth, stock cubes = soups broths
breakfast cereal, cornflakes, corn flakes, muesli, granola = swelling roasting cereals
sausage, sausages, salami, hot dog = sausages
candy, sweets, lollipop, toffee = sugar confectionery
tea bags = immediate packings not exceeding 3kg
black tea = black fermented tea
dog collar, leash, dog leash, dog harness = saddlery harness animal
laptop bag, laptop sleeve, computer bag, camera bag = cases; containers
backpack = rucksacks; bags
luggage = suitcases trunks
umbrella = umbrellas telescopic shaft
blanket, throw = blankets travelling rugs
pillow, cushion, duvet, quilt, comforter = bedding quilts eiderdowns cushions pillows
picture frame, photo frame = frames photographs
broom = brooms brushes
hammer = hammers
screw, screws, bolt = threaded screws bolts
padlock = padlocks
glue, adhesive = glues adhesives
lawn mower, lawnmower = mowers lawn
chainsaw, electric saw, circular saw = saws self-contained electric motor
golf club, golf clubs = golf clubs
fishing rod = fishing rods
stretch film, cling film, plastic film, packaging film, shrink film = plates sheets film foil plastics polymers ethylene
adhesive tape, packing tape, duct tape, sticky tape = self-adhesive plates sheets film tape plastics rolls
big bag, bulk bag, bulk bags, fibc = flexible intermediate bulk containers
hanger, hangers, clothes hanger, clothes hangers = clothes hangers; articles
spark plug, spark plugs = sparking plugs
motor oil, engine oil, lubricant, lubricating oil = lubricating oils petroleum
stapler = office machines
staples = staples strips
secateurs, pruning shears, pruner = secateurs pruners shears
garden shears, hedge shears = hedge shears two-handed
face mask, surgical mask, surgical face masks, medical mask = made up articles textile
nitrile, latex = vulcanised rubber
disposable gloves = gloves mittens
adhesive bandage, adhesive bandages, sticking plaster, band-aid = adhesive dressings
corkscrew, bottle opener = household tools hand
paper napkins, paper napkin, paper serviettes, paper tablecloth = tablecloths serviettes paper
roller skates, inline skates, rollerblades = roller skates
ice skates = ice skates
kitchen scale, bathroom scale, scales, weighing scale = weighing machines personal household scales
hair conditioner, conditioner, hair mask, hair dye, hair colour, hair color, hair gel, hair wax = preparations use hair
serum, face serum, eye cream, night cream, anti-aging cream, anti-ageing cream, face scrub, face mask cream, make-up remover, cleansing milk, micellar water = preparations care skin
shower gel, body wash, liquid soap = organic surface-active washing skin liquid cream retail
bubble bath, bath foam = preparations bath
essential oil, essential oils = essential oils
scented candle, scented candles = candles
parmesan, gruyere, emmental, grated cheese = grated powdered cheese; cheese
macaron, macarons, madeleine, pastries = bakers wares; pastry cakes biscuits
rose wine, rosé wine, rosé = wine fresh grapes
in bottles, bottled = bottles; containers holding 2 litres less
# ---- Second round: everyday goods chapter by chapter (shop words, trade names) ---------
shrimp, prawns = shrimps prawns
canned tuna, tinned tuna, tuna chunks = tunas prepared preserved
ground coffee = coffee roasted
decaf coffee, decaffeinated coffee = coffee roasted decaffeinated
granulated sugar, white sugar, caster sugar, table sugar = sucrose chemically pure solid
spaghetti, pasta, noodles, macaroni, penne, tagliatelle = pasta uncooked not stuffed
egg noodles, egg pasta = pasta uncooked containing eggs
white rice, basmati rice, jasmine rice = rice semi-milled wholly milled
beer, lager, ale = beer made from malt
non-alcoholic beer, alcohol-free beer = non-alcoholic beer
mineral water, spring water, sparkling water = mineral waters aerated waters not containing added sugar
table salt, cooking salt, sea salt = salt
bar soap, soap bar, toilet soap = soap bars cakes toilet
detergent powder = washing cleaning preparations powders
dishwashing liquid, washing-up liquid, dish soap, household cleaner, all-purpose cleaner = washing cleaning preparations surface-active retail sale
acrylic paint, water-based paint, emulsion paint = paints varnishes acrylic aqueous medium
pregnancy test = diagnostic reagents
condom, condoms = sheath contraceptives
inner tube, inner tubes = inner tubes
wallet, purse, card holder = wallets purses articles carried pocket handbag
belt, leather belt = belts bandoliers
pallet, pallets, wooden pallet = pallets box pallets load boards
cardboard box, cardboard boxes, shipping box, carton, cartons, corrugated box = cartons boxes cases corrugated paper paperboard
paper tissues, facial tissues, tissues, kleenex = handkerchiefs cleansing facial tissues
toilet paper, toilet rolls = toilet paper
paper towels, kitchen roll = towels paper
exercise book, notebook paper, notepad, spiral notebook = exercise books notebooks
envelope, envelopes = envelopes
jeans, denim jeans = trousers denim cotton
sweater, jumper, pullover, cardigan = jerseys pullovers cardigans
bra, bras = brassieres
scarf, scarves, shawl = shawls scarves
tie, necktie, bow tie = ties bow ties cravats
baseball cap, beanie, bobble hat = hats headgear knitted textile
bath towel, bath towels, hand towel = toilet linen terry towelling
bed sheet, bed sheets, fitted sheet, duvet cover, pillowcase, bed linen = bed linen
sleeping bag = sleeping bags
flip-flops, flip flops, thongs sandals = footwear upper straps thongs assembled sole plugs
glass bottle, glass jar, mason jar = carboys bottles flasks jars glass
tiles, ceramic tiles, floor tiles, wall tiles = tiles ceramic flags paving
saucepan, frying pan, skillet, wok, stockpot, cookware = table kitchen household articles
nails = nails tacks drawing pins
barbed wire = barbed wire
ladder, stepladder = ladders; articles
adjustable wrench, adjustable spanner = spanners wrenches adjustable
wrench, spanner = spanners wrenches
screwdriver = screwdrivers
pliers, pincers, tweezers = pliers pincers tweezers
lock, door lock = locks
razor, razors, disposable razors = razors
cordless drill, power drill, electric drill, impact driver, drill driver = drills self-contained electric motor
angle grinder = grinders self-contained electric motor
fan, desk fan, table fan, floor fan, ceiling fan = fans table floor wall
air conditioner, air conditioning unit = air conditioning machines
laser printer, inkjet printer, printer = printers
tablet, tablet computer, ipad = automatic data processing machines portable
smoke detector, smoke alarm, fire alarm, burglar alarm = burglar fire alarms
electric heater, space heater, convector heater = space heating apparatus electric
alkaline batteries, alkaline battery, aa batteries, aaa batteries = primary cells batteries manganese dioxide
button cell, coin cell = primary cells batteries lithium
led bulb, led bulbs, light bulb, light bulbs = led lamps light sources
headphones, headset, earphones, earbuds = headphones earphones
bicycle, bike, mountain bike = bicycles cycles not motorised
e-bike, ebike, electric bike, electric bicycle, electric scooter, e-scooter = cycles electric motor propulsion
wheelbarrow, hand cart, handcart, trolley = vehicles; trailers vehicles not mechanically propelled
stroller, pushchair, pram, baby stroller = baby carriages
car seat, child car seat = seats motor vehicles
contact lenses, contact lens = contact lenses
sunglasses = sunglasses
dining table, wooden table, solid wood table, sideboard, chest of drawers, dresser = furniture wooden
dumbbell, dumbbells, kettlebell, weight bench, treadmill = gymnastics athletics equipment
football, soccer ball, basketball, volleyball, rugby ball = balls inflatable
tennis racket, tennis racquet = lawn-tennis rackets
badminton racket, table tennis bat, ping pong paddle = badminton rackets
game console, games console, video game console, gamepad, controller = video game consoles machines
playing cards, deck of cards = playing cards
teddy bear, plush toy, soft toy, stuffed animal = toys stuffed
jigsaw puzzle, puzzle = puzzles
lighter, lighters = lighters gas
ballpoint pen, ballpoint pens, biro = pens ball point
coloured pencils, colored pencils, pencils, crayons = pencils crayons leads encased sheath
# kitchen, home and food words met while walking chapters 02-23 and 84-95
chicken breast, chicken breasts, chicken fillets, chicken thighs, chicken wings = cuts offal fowls gallus domesticus
fresh eggs, hen eggs, eggs in shell, free range eggs = eggs in shell fresh fowls gallus domesticus
salted butter, unsalted butter = butter dairy produce
shelled walnuts, walnut kernels = walnuts shelled
raisins, sultanas = grapes dried
mayonnaise, salad dressing, barbecue sauce, bbq sauce = sauces preparations mixed condiments seasonings
dry dog food, dry cat food, kibble = dog cat food
coffee grinder, spice grinder = food grinders
induction hob, hob, cooktop, hot plate, rice cooker, electric oven, toaster oven, air fryer, deep fryer, waffle maker = ovens cookers cooking plates boiling rings grillers roasters
smartwatch, smart watch, fitness tracker, activity tracker = machines reception conversion transmission regeneration data
charging cable, usb-c cable, lightning cable, ethernet cable, network cable = insulated electric conductors fitted connectors
pressure washer, power washer, steam cleaner = jet projecting machines steam sand blasting
bunk bed, wooden bed, bed frame, headboard, wardrobe, bedside table, nightstand = furniture wooden bedroom
kitchen cabinet, kitchen cabinets, kitchen cupboard = furniture wooden kitchen
metal desk, metal office desk, filing cabinet, metal locker = furniture metal office
christmas decorations, christmas ornaments, christmas tree ornaments, baubles, artificial christmas tree, tinsel = festive articles christmas festivities
tote bag, shopping bag, canvas bag = handbags outer surface textile materials; shopping bags
plastic bag, plastic bags, plastic shopping bags, carrier bags, bin bags, garbage bags, trash bags = sacks bags polymers ethylene
paper cup, paper cups, paper plates, disposable cups = trays dishes plates cups paper paperboard
# car parts, office, medical, building, music, boats, groceries (third walk)
car battery, car batteries, starter battery, lead-acid battery = accumulators lead-acid starting piston engines
windscreen wipers, windshield wipers, wiper blades = windscreen wipers
brake pads, brake discs, brake rotors, brake calipers = brakes servo-brakes parts vehicle
exhaust, exhaust pipe, muffler = silencers mufflers exhaust pipes parts vehicle
shock absorber, shock absorbers = suspension shock-absorbers parts vehicle
rear-view mirror, wing mirror = rear-view mirrors
npk fertiliser, npk fertilizer, compound fertiliser = fertilizers three fertilizing elements nitrogen phosphorus potassium
ink cartridge, ink cartridges, printer ink cartridges, toner cartridge, toner = printing machinery parts accessories
copy paper, printer paper, a4 paper, ream of paper = uncoated paper printing writing
paper shredder, shredder = office machines
whiteboard, blackboard, chalkboard, notice board = slates boards writing drawing surfaces
stethoscope, blood pressure monitor, sphygmomanometer, otoscope = medical surgical instruments appliances
digital thermometer, clinical thermometer, forehead thermometer = thermometers pyrometers
crutches, crutch, splint, knee brace, orthosis = orthopaedic fracture appliances crutches
hearing aid, hearing aids = hearing aids
nail clippers, nail file, tweezers, manicure set = manicure pedicure sets instruments nail files
drum kit, drums, drum, cymbals, xylophone = musical instruments percussion drums
violin, cello, double bass, viola = string musical instruments bow
reading glasses, prescription glasses, safety glasses, safety goggles = spectacles goggles corrective protective
plasterboard, drywall, gypsum board = plaster boards sheets panels faced paper
paracetamol, ibuprofen, aspirin, painkillers, cough syrup = medicaments therapeutic prophylactic retail sale
life jacket, life vest, lifebuoy = life-jackets life-belts
skateboard, trampoline, swing set, slide = equipment outdoor games recreation
inflatable boat, dinghy, rib boat = yachts vessels pleasure sports inflatable
french fries, frozen fries, frozen chips = potatoes prepared preserved frozen
sweetcorn, sweet corn, canned corn = sweetcorn zea mays prepared preserved
green olives, black olives, olives in brine, table olives = olives prepared preserved
instant noodles, ramen = pasta cooked otherwise prepared
vanilla pods, vanilla beans = vanilla
sweet biscuits, shortbread, digestive biscuits = sweet biscuits
cutting board, chopping board, bread board = tableware kitchenware wood
water bottle, reusable bottle, drinking bottle = table kitchen household articles
thermos, vacuum flask, insulated bottle = vacuum flasks vessels
flower pot, flower pots, plant pot, planter = ornamental articles; household articles
# cosmetics, drinks, jewellery, garments, appliances, groceries, sport (fourth walk)
hand cream, body cream, foot cream, body butter = preparations care skin
shaving foam, shaving gel, shaving cream, aftershave, after-shave = shaving preparations
bath salts, bath bombs = bath preparations
nail polish remover = manicure pedicure preparations
iced tea, ice tea = non-alcoholic beverages
gold chain, silver chain, necklace chain = jewellery precious metal
polo shirt, polo shirts, polo = shirts knitted crocheted
cooker hood, range hood, extractor hood = hoods
rolled oats, oat flakes, porridge oats = oats rolled flaked grains
baking powder = baking powders prepared
tomato paste, tomato puree concentrate = tomatoes prepared preserved
hazelnut spread, chocolate spread = chocolate food preparations containing cocoa
popcorn = prepared foods swelling roasting cereals
fishing reel, fishing reels = fishing reels
table tennis table, ping pong table = table-tennis equipment
sofa bed, sofa-bed, futon = seats convertible into beds
linen, pure linen = flax; linen
# industrial supplies (fifth walk): chemicals, plastics, metals, valves, robots
caustic soda, sodium hydroxide = sodium hydroxide caustic soda solid
hydrogen peroxide = hydrogen peroxide
epoxy resin, epoxy = epoxide resins
pvc resin, pvc powder = poly vinyl chloride not mixed
silicone sealant, sealant, caulk, caulking = mastics caulking compounds
extrusion profiles, aluminium profiles, extrusions = profiles; bars rods profiles
steel wire rope, wire rope, steel cable = stranded wire ropes cables iron steel
industrial robot, robotic arm = industrial robots
# third round: English shop words for kitchen, house, tools, bags, footwear, coffee
frying pan, frying pans, pan, pans, skillet, wok, saucepan, saucepans, cooking pot, stockpot = table kitchen household articles
coffee beans, coffee bean, whole bean coffee = coffee
cordless screwdriver, electric screwdriver, power screwdriver, impact wrench = tools working hand self-contained electric motor
rubber boots, wellington boots, wellingtons, wellies, rain boots = waterproof footwear outer soles uppers rubber plastics
phone case, phone cases, smartphone case, smartphone cases, mobile phone case = articles kind normally carried pocket handbag
baby bottle, baby bottles, feeding bottle, feeding bottles = household articles hygienic toilet articles plastics
wall paint, emulsion paint, water-based paint, water based paint = paints varnishes acrylic aqueous medium
rain jacket, rain jackets, raincoat, down jacket, down jackets, puffer jacket, ski jacket, windcheater = anoraks; raincoats; ski-jackets
leggings, jeggings = trousers knitted crocheted
lunch box, lunch boxes, food container, food storage box = tableware kitchenware household articles
vase, vases = glassware table kitchen toilet office indoor decoration; ornamental articles
doormat, doormats, door mat = floor coverings; mats
"""
