"""A small Combined Nomenclature in the layout of the bundled file, for the tests."""

CN_CSV = """level,code,display_code,parent,description_en,description_fr,supplementary_unit
section,XI,XI,,Textiles and textile articles,Matières textiles et ouvrages en ces matières,
chapter,61,61,XI,"Articles of apparel and clothing accessories, knitted or crocheted","Vêtements et accessoires du vêtement, en bonneterie",
heading,6109,6109,61,"T-shirts, singlets and other vests, knitted or crocheted","T-shirts et maillots de corps, en bonneterie",
subheading,610910,6109 10,6109,Of cotton,de coton,
cn8,61091000,6109 10 00,610910,Of cotton,de coton,PST
section,XV,XV,,Base metals and articles of base metal,Métaux communs et ouvrages en ces métaux,
chapter,73,73,XV,Articles of iron or steel,"Ouvrages en fonte, fer ou acier",
heading,7323,7323,73,"Table, kitchen or other household articles and parts thereof, of iron or steel","Articles de ménage ou d'économie domestique et leurs parties, en fonte, fer ou acier",
subheading,732392,7323 92,7323,"Of cast iron, enamelled","en fonte, émaillés",
cn8,73239200,7323 92 00,732392,"Of cast iron, enamelled","en fonte, émaillés",
subheading,732399,7323 99,7323,Other,autres,
cn8,73239900,7323 99 00,732399,Other,autres,
"""
