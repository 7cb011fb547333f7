"""Writes of the market studies: thematic files and their clips, synthesis notes (a new
version at each save), market selections (weights, grades, proposals from data, the
decision) and SWOT/PESTEL notes.

Every service takes clean values (:mod:`.inputs`), checks the role matrix first and writes in
one transaction with the history's author. The key terms and summary of a file are computed
again whenever its clips change.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.common import countries
from comptoir.intelligence.models import Theme
from comptoir.origin import selectors as origin_selectors
from comptoir.parties import selectors as parties_selectors
from comptoir.trade import market_selection as ms
from comptoir.trade import text_summary
from comptoir.trade.invoicing import EU_MEMBER_STATES

from . import selectors
from .inputs import (
    ClipValues,
    DecisionValues,
    FileValues,
    HandNoteValues,
    NoteValues,
    StrategyValues,
    StudyValues,
)
from .models import (
    Candidate,
    Clip,
    MarketStudy,
    NoteLanguage,
    StrategyNote,
    SynthesisNote,
    ThematicFile,
    parts_for,
)

#: Costly inputs, bounded.
MAX_TITLE = 200
MAX_TEXT = 20_000
MAX_SECTIONS = 30
MAX_COUNTRIES = 30
MAX_CLIPS = 500
MAX_POINTS = 30
#: text read from the clips to compute a file's key terms and summary
MAX_FILE_TEXT = text_summary.MAX_CHARS
CITATION = re.compile(r"\[(\d{1,3})\]")


def _countries(codes: tuple[str, ...], field: str, errors: dict[str, str]) -> list[str]:
    cleaned = [c.strip().upper() for c in codes if c.strip()]
    bad = [c for c in cleaned if not countries.is_country(c)]
    if bad:
        errors[field] = _("Unknown country code: %(codes)s.") % {"codes": ", ".join(bad)}
    elif len(cleaned) != len(set(cleaned)):
        errors[field] = _("The same country is given twice.")
    return cleaned


def _may_change_file(file: ThematicFile, user: Actor) -> None:
    """A private file is changed by its owner only."""
    if not file.shared and user is not None and file.owner_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This file is private to its owner."))


# ----------------------------------------------------------------------------- files


def _check_file(values: FileValues) -> list[str]:
    errors: dict[str, str] = {}
    if not values.title.strip():
        errors["title"] = _("Give the file a title.")
    elif len(values.title) > MAX_TITLE:
        errors["title"] = _("At most %(n)d characters.") % {"n": MAX_TITLE}
    if values.theme not in Theme.values:
        errors["theme"] = _("Choose a theme.")
    if len(values.description) > MAX_TEXT:
        errors["description"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
    if len(values.countries) > MAX_COUNTRIES:
        errors["countries"] = _("At most %(n)d countries.") % {"n": MAX_COUNTRIES}
    codes = _countries(values.countries, "countries", errors)
    if errors:
        raise ValidationError(errors)
    return codes


def create_file(*, values: FileValues, user: Actor) -> ThematicFile:
    require(user, Action.CREATE, Record.STUDY_FILE)
    codes = _check_file(values)
    with transaction.atomic():
        file = ThematicFile(
            title=values.title.strip(),
            description=values.description.strip(),
            theme=values.theme,
            countries=codes,
            shared=values.shared,
            owner=author(user),
        )
        stamp(file, user)
        file.save()
        file.products.set(values.products)
    return file


def update_file(*, file: ThematicFile, values: FileValues, user: Actor) -> ThematicFile:
    require(user, Action.CHANGE, Record.STUDY_FILE)
    _may_change_file(file, user)
    codes = _check_file(values)
    with transaction.atomic():
        file.title = values.title.strip()
        file.description = values.description.strip()
        file.theme = values.theme
        file.countries = codes
        file.shared = values.shared
        stamp(file, user)
        file.save()
        file.products.set(values.products)
    return file


def delete_file(*, file: ThematicFile, user: Actor) -> None:
    require(user, Action.DELETE, Record.STUDY_FILE)
    _may_change_file(file, user)
    if file.notes.exists():
        raise ValidationError(_("This file has synthesis notes: it is kept with them."))
    with transaction.atomic():
        stamp(file, user)
        file.delete()


def _digest_key(file: ThematicFile) -> str:
    parts = [
        f"{c.pk}:{c.item_id or ''}:{len(c.text)}:{hashlib.sha256(c.text.encode()).hexdigest()[:8]}"
        for c in file.clips.order_by("id")
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def refresh_digest(file: ThematicFile) -> bool:
    """Compute the file's key terms and summary again if its clips changed since the last
    time (``digest_key``). Returns whether it was computed. Called by the clip services in
    their transaction; never on a page view."""
    key = _digest_key(file)
    if key == file.digest_key:
        return False
    clips = selectors.sources_of(file) + [c for c in file.clips.all() if c.item_id is None]
    languages = Counter(
        (c.item.language or "")[:2].lower()
        for c in clips
        if c.item_id and c.item is not None and c.item.language
    )
    texts: list[str] = []
    size = 0
    for clip in clips:
        text = selectors.clip_text(clip)
        texts.append(text)
        size += len(text)
        if size > MAX_FILE_TEXT:
            break
    joined = "\n\n".join(texts)
    language = languages.most_common(1)[0][0] if languages else None
    result = text_summary.digest(joined, language, terms=12, length=5)
    file.digest = selectors.digest_dict(result) if joined.strip() else {}
    file.digest_key = key
    ThematicFile.objects.filter(pk=file.pk).update(digest=file.digest, digest_key=key)
    return True


def _clip_digest(clip: Clip) -> dict[str, object]:
    if clip.item_id and clip.item is not None:
        return selectors.digest_dict(selectors.item_digest(clip.item))
    return selectors.digest_dict(text_summary.digest(clip.text))


def clip_item(*, file: ThematicFile, values: ClipValues, user: Actor) -> Clip:
    """Clip an intelligence item into a file with the user's comment (once per file)."""
    require(user, Action.CHANGE, Record.STUDY_FILE)
    _may_change_file(file, user)
    if len(values.comment) > MAX_TEXT:
        raise ValidationError({"comment": _("At most %(n)d characters.") % {"n": MAX_TEXT}})
    if file.clips.filter(item=values.item).exists():
        raise ValidationError({"item": _("This item is already in the file.")})
    if file.clips.count() >= MAX_CLIPS:
        raise ValidationError({"item": _("At most %(n)d clips in one file.") % {"n": MAX_CLIPS}})
    with transaction.atomic():
        clip = Clip(
            file=file, item=values.item, comment=values.comment.strip(), clipped_by=author(user)
        )
        clip.digest = _clip_digest(clip)
        stamp(clip, user)
        clip.save()
        refresh_digest(file)
    return clip


def add_hand_note(*, file: ThematicFile, values: HandNoteValues, user: Actor) -> Clip:
    """A note typed by hand in the file."""
    require(user, Action.CHANGE, Record.STUDY_FILE)
    _may_change_file(file, user)
    errors: dict[str, str] = {}
    if not values.title.strip():
        errors["title"] = _("Give the note a title.")
    elif len(values.title) > 500:
        errors["title"] = _("At most %(n)d characters.") % {"n": 500}
    if not values.text.strip():
        errors["text"] = _("Write the note.")
    elif len(values.text) > MAX_TEXT:
        errors["text"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    if file.clips.count() >= MAX_CLIPS:
        raise ValidationError({"text": _("At most %(n)d clips in one file.") % {"n": MAX_CLIPS}})
    with transaction.atomic():
        clip = Clip(
            file=file,
            title=values.title.strip(),
            text=values.text.strip(),
            comment=values.comment.strip(),
            clipped_by=author(user),
        )
        clip.digest = _clip_digest(clip)
        stamp(clip, user)
        clip.save()
        refresh_digest(file)
    return clip


def set_comment(*, clip: Clip, comment: str, user: Actor) -> Clip:
    require(user, Action.CHANGE, Record.STUDY_FILE)
    _may_change_file(clip.file, user)
    if len(comment) > MAX_TEXT:
        raise ValidationError({"comment": _("At most %(n)d characters.") % {"n": MAX_TEXT}})
    with transaction.atomic():
        clip.comment = comment.strip()
        stamp(clip, user)
        clip.save(update_fields=["comment"])
    return clip


def remove_clip(*, clip: Clip, user: Actor) -> None:
    """Take a clip out of its file; the item stays in the watch. A source cited by a
    synthesis note cannot be removed (the numbering would change under the note)."""
    require(user, Action.CHANGE, Record.STUDY_FILE)
    file = clip.file
    _may_change_file(file, user)
    if clip.item_id is not None:
        number = next(
            (i for i, c in enumerate(selectors.sources_of(file), start=1) if c.pk == clip.pk), 0
        )
        for note in file.notes.all():
            if number in _citations(note):
                raise ValidationError(
                    _("Source [%(n)d] is cited by the note %(note)s.")
                    % {"n": number, "note": note.title}
                )
    with transaction.atomic():
        stamp(clip, user)
        clip.delete()
        refresh_digest(file)


# ----------------------------------------------------------------------------- synthesis notes


def _citations(note: SynthesisNote) -> set[int]:
    text = " ".join(s.get("body", "") for s in note.sections) + " " + note.conclusion
    return {int(n) for n in CITATION.findall(text)}


def _check_note(file: ThematicFile, values: NoteValues) -> None:
    errors: dict[str, str] = {}
    if not values.title.strip():
        errors["title"] = _("Give the note a title.")
    elif len(values.title) > MAX_TITLE:
        errors["title"] = _("At most %(n)d characters.") % {"n": MAX_TITLE}
    if values.language not in NoteLanguage.values:
        errors["language"] = _("Choose French or English.")
    if not any(s.body.strip() for s in values.sections):
        errors["sections"] = _("Write at least one section.")
    elif len(values.sections) > MAX_SECTIONS:
        errors["sections"] = _("At most %(n)d sections.") % {"n": MAX_SECTIONS}
    if len(values.conclusion) > MAX_TEXT:
        errors["conclusion"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
    count = len(selectors.sources_of(file))
    texts = [(f"sections.{i}.body", s.body) for i, s in enumerate(values.sections)]
    texts.append(("conclusion", values.conclusion))
    for i, section in enumerate(values.sections):
        if len(section.body) > MAX_TEXT:
            errors[f"sections.{i}.body"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
        if len(section.heading) > MAX_TITLE:
            errors[f"sections.{i}.heading"] = _("At most %(n)d characters.") % {"n": MAX_TITLE}
    for name, text in texts:
        wrong = sorted({int(n) for n in CITATION.findall(text) if not 1 <= int(n) <= count})
        if wrong and name not in errors:
            errors[name] = _("Source %(cited)s is not in the file: cite [1] to [%(count)d].") % {
                "cited": ", ".join(f"[{n}]" for n in wrong),
                "count": count,
            }
    if errors:
        raise ValidationError(errors)


def save_note(
    *,
    file: ThematicFile,
    values: NoteValues,
    user: Actor,
    note: SynthesisNote | None = None,
) -> SynthesisNote:
    """Write the synthesis note of a file; saving an existing note makes its next version
    (the history keeps every version)."""
    require(user, Action.CREATE if note is None else Action.CHANGE, Record.STUDY_NOTE)
    selectors.file_for_page(file.pk, user)  # a private file's notes are its owner's
    _check_note(file, values)
    with transaction.atomic():
        if note is None:
            note = SynthesisNote(file=file, author=author(user), version=1)
        else:
            note = SynthesisNote.objects.select_for_update().get(pk=note.pk)
            note.version += 1
        note.title = values.title.strip()
        note.language = values.language
        note.sections = [
            {"heading": s.heading.strip(), "body": s.body.strip()}
            for s in values.sections
            if s.heading.strip() or s.body.strip()
        ]
        note.conclusion = values.conclusion.strip()
        stamp(note, user, _("Version %(n)d") % {"n": note.version})
        note.save()
    return note


# ----------------------------------------------------------------------------- market selection


def _check_weights(weights: Mapping[str, Decimal]) -> None:
    errors: dict[str, str] = {}
    for name in ms.CRITERIA:
        value = weights.get(name)
        if value is None or not 0 <= value <= 100:
            errors[f"weight_{name}"] = _("A weight lies between 0 and 100 %.")
    if errors:
        raise ValidationError(errors)
    total = sum((weights[n] for n in ms.CRITERIA), Decimal(0))
    if total != 100:
        raise ValidationError(
            {"weights": _("The weights add up to %(total)s %%, not 100 %%.") % {"total": total}}
        )


def _check_study(values: StudyValues) -> list[str]:
    errors: dict[str, str] = {}
    if not values.title.strip():
        errors["title"] = _("Give the study a title.")
    elif len(values.title) > MAX_TITLE:
        errors["title"] = _("At most %(n)d characters.") % {"n": MAX_TITLE}
    if len(values.scope) > MAX_TEXT:
        errors["scope"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
    codes = _countries(values.countries, "countries", errors)
    if "countries" not in errors and not ms.MIN_CANDIDATES <= len(codes) <= ms.MAX_CANDIDATES:
        errors["countries"] = _("Compare between %(min)d and %(max)d countries.") % {
            "min": ms.MIN_CANDIDATES,
            "max": ms.MAX_CANDIDATES,
        }
    if errors:
        raise ValidationError(errors)
    return codes


def _weights_json(weights: Mapping[str, Decimal]) -> dict[str, str]:
    return {n: str(weights[n]) for n in ms.CRITERIA}


def _open(study: MarketStudy) -> None:
    if study.status == MarketStudy.Status.DECIDED:
        raise ValidationError(_("The decision is recorded: this selection can no longer change."))


def proposals(code: str) -> dict[str, tuple[Decimal, str]]:
    """The grades the data proposes for a country, with where each comes from: the country
    risk of the country sheet, market access (EU single market, trade agreement in force),
    the country's languages (CLDR)."""
    found: dict[str, tuple[Decimal, str]] = {}
    sheet = parties_selectors.country_sheet(code)
    if sheet is not None and sheet.risk_level:
        grade = ms.risk_grade(sheet.risk_level)
        if grade is not None:
            found[ms.RISK] = (
                grade,
                _("country sheet: %(risk)s risk")
                % {"risk": sheet.get_risk_level_display().lower()},
            )
    agreement = next(
        (
            a
            for a in origin_selectors.agreements(active_only=True)
            if code in [p.upper() for p in (a.partners or [])]
        ),
        None,
    )
    in_eu = code in EU_MEMBER_STATES
    found[ms.ACCESS] = (
        ms.access_grade(single_market=in_eu, agreement=agreement is not None),
        _("EU single market")
        if in_eu
        else (
            _("trade agreement in force: %(name)s") % {"name": agreement.name}
            if agreement is not None
            else _("no trade agreement: WTO duties")
        ),
    )
    spoken = [lang for lang, _status in countries.languages(code)[:4]]
    if spoken:
        names = ", ".join(countries.language_name(lang) for lang in spoken[:3])
        found[ms.LANGUAGE] = (
            ms.language_grade(spoken),
            _("languages spoken: %(names)s") % {"names": names},
        )
    return found


def _apply_proposals(candidate: Candidate, *, overwrite: bool) -> int:
    count = 0
    for name, (grade, source) in proposals(candidate.country).items():
        if overwrite or candidate.grades.get(name) in (None, ""):
            candidate.grades[name] = str(grade)
            candidate.grade_sources[name] = source
            count += 1
    return count


def create_study(*, values: StudyValues, user: Actor) -> MarketStudy:
    """A market selection with its candidate countries, grades proposed from data."""
    require(user, Action.CREATE, Record.MARKET_STUDY)
    codes = _check_study(values)
    weights = dict(values.weights or ms.DEFAULT_WEIGHTS)
    _check_weights(weights)
    with transaction.atomic():
        study = MarketStudy(
            title=values.title.strip(),
            scope=values.scope.strip(),
            weights=_weights_json(weights),
            owner=author(user),
        )
        stamp(study, user)
        study.save()
        study.products.set(values.products)
        study.files.set(values.files)
        for position, code in enumerate(codes, start=1):
            candidate = Candidate(study=study, country=code, position=position)
            _apply_proposals(candidate, overwrite=False)
            stamp(candidate, user)
            candidate.save()
    return study


def set_countries(*, study: MarketStudy, countries_: tuple[str, ...], user: Actor) -> MarketStudy:
    """Add or take out candidate countries (their grades go with them)."""
    require(user, Action.CHANGE, Record.MARKET_STUDY)
    _open(study)
    errors: dict[str, str] = {}
    codes = _countries(countries_, "countries", errors)
    if "countries" not in errors and not ms.MIN_CANDIDATES <= len(codes) <= ms.MAX_CANDIDATES:
        errors["countries"] = _("Compare between %(min)d and %(max)d countries.") % {
            "min": ms.MIN_CANDIDATES,
            "max": ms.MAX_CANDIDATES,
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = {c.country: c for c in study.candidates.all()}
        for code, candidate in existing.items():
            if code not in codes:
                stamp(candidate, user)
                candidate.delete()
        for position, code in enumerate(codes, start=1):
            candidate = existing.get(code) or Candidate(study=study, country=code)
            if candidate.pk is None:
                _apply_proposals(candidate, overwrite=False)
            candidate.position = position
            stamp(candidate, user)
            candidate.save()
    return study


def set_weights(*, study: MarketStudy, weights: Mapping[str, Decimal], user: Actor) -> MarketStudy:
    require(user, Action.CHANGE, Record.MARKET_STUDY)
    _open(study)
    _check_weights(weights)
    with transaction.atomic():
        study.weights = _weights_json(weights)
        stamp(study, user)
        study.save(update_fields=["weights"])
    return study


def set_grades(
    *,
    study: MarketStudy,
    grades: Mapping[str, Mapping[str, Decimal | None]],
    user: Actor,
) -> MarketStudy:
    """Grades 0-5 per country and criterion (None clears a cell). A grade typed over a
    proposed one is the user's: its source is forgotten."""
    require(user, Action.CHANGE, Record.MARKET_STUDY)
    _open(study)
    candidates = {c.country: c for c in study.candidates.all()}
    errors: dict[str, str] = {}
    for code, row in grades.items():
        if code not in candidates:
            errors[f"grades.{code}"] = _("%(code)s is not a candidate of this study.") % {
                "code": code
            }
            continue
        for name, grade in row.items():
            if name not in ms.CRITERIA:
                errors[f"grades.{code}.{name}"] = _("Unknown criterion.")
            elif grade is not None and not 0 <= grade <= ms.SCALE_MAX:
                errors[f"grades.{code}.{name}"] = _("A grade lies between 0 and 5.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for code, row in grades.items():
            candidate = candidates[code]
            changed = False
            for name, grade in row.items():
                old = candidate.grades.get(name)
                new = None if grade is None else str(grade)
                if (None if old in (None, "") else Decimal(str(old))) == grade:
                    continue
                changed = True
                if new is None:
                    candidate.grades.pop(name, None)
                else:
                    candidate.grades[name] = new
                candidate.grade_sources.pop(name, None)
            if changed:
                stamp(candidate, user)
                candidate.save()
    return study


def propose_grades(*, study: MarketStudy, user: Actor, overwrite: bool = False) -> int:
    """Fill the cells the data can propose (risk, access, language); ``overwrite`` replaces
    grades already there. Returns the number of cells filled."""
    require(user, Action.CHANGE, Record.MARKET_STUDY)
    _open(study)
    count = 0
    with transaction.atomic():
        for candidate in study.candidates.all():
            filled = _apply_proposals(candidate, overwrite=overwrite)
            if filled:
                stamp(candidate, user)
                candidate.save()
                count += filled
    return count


def decide(*, study: MarketStudy, values: DecisionValues, user: Actor) -> MarketStudy:
    """Record the countries chosen, why, by whom and when. A reason is required when the
    choice departs from the ranking (a country chosen that is not first)."""
    require(user, Action.ISSUE, Record.MARKET_STUDY)
    _open(study)
    view = selectors.study_view(study)
    if view.selection is None:
        raise ValidationError(
            {"chosen": _("Grade every country on every criterion before deciding.")}
        )
    candidates = {c.country for c in view.candidates}
    chosen = [c.strip().upper() for c in values.chosen if c.strip()]
    errors: dict[str, str] = {}
    if not chosen:
        errors["chosen"] = _("Choose at least one country.")
    elif any(c not in candidates for c in chosen):
        errors["chosen"] = _("Choose among the candidate countries.")
    elif len(chosen) != len(set(chosen)):
        errors["chosen"] = _("The same country is given twice.")
    elif ms.needs_reason(view.selection, chosen) and not values.reason.strip():
        errors["reason"] = _("Say why: the choice is not the first of the ranking (%(first)s).") % {
            "first": ", ".join(view.selection.first)
        }
    if len(values.reason) > MAX_TEXT:
        errors["reason"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        study.chosen = chosen
        study.decision_reason = values.reason.strip()
        study.decided_by = author(user)
        study.decided_at = timezone.now()
        study.status = MarketStudy.Status.DECIDED
        stamp(study, user, _("Decision recorded"))
        study.save()
    return study


# ----------------------------------------------------------------------------- SWOT / PESTEL


def _check_strategy(values: StrategyValues) -> tuple[str, dict[str, list[str]]]:
    errors: dict[str, str] = {}
    if values.kind not in StrategyNote.Kind.values:
        raise ValidationError({"kind": _("Choose SWOT or PESTEL.")})
    if not values.title.strip():
        errors["title"] = _("Give the note a title.")
    elif len(values.title) > MAX_TITLE:
        errors["title"] = _("At most %(n)d characters.") % {"n": MAX_TITLE}
    if values.language not in NoteLanguage.values:
        errors["language"] = _("Choose French or English.")
    code = values.country.strip().upper()
    if code and not countries.is_country(code):
        errors["country"] = _("Unknown country code: %(codes)s.") % {"codes": code}
    if not code and values.product is None:
        errors["country"] = _("Say which market (country) or product the note is about.")
    parts: dict[str, list[str]] = {}
    for name in values.parts:
        if name not in parts_for(values.kind):
            errors[name] = _("Unknown part.")
    for name in parts_for(values.kind):
        points = [p.strip() for p in values.parts.get(name, ()) if p.strip()]
        if len(points) > MAX_POINTS:
            errors[name] = _("At most %(n)d points.") % {"n": MAX_POINTS}
        elif any(len(p) > 2000 for p in points):
            errors[name] = _("At most %(n)d characters.") % {"n": 2000}
        parts[name] = points
    if not errors and not any(parts.values()):
        errors[parts_for(values.kind)[0]] = _("Write at least one point.")
    if len(values.conclusion) > MAX_TEXT:
        errors["conclusion"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    return code, parts


def save_strategy(
    *, values: StrategyValues, user: Actor, note: StrategyNote | None = None
) -> StrategyNote:
    """Write a SWOT or PESTEL note about a market or a product."""
    require(user, Action.CREATE if note is None else Action.CHANGE, Record.STUDY_NOTE)
    code, parts = _check_strategy(values)
    if note is not None and note.kind != values.kind:
        raise ValidationError({"kind": _("A SWOT stays a SWOT and a PESTEL a PESTEL.")})
    with transaction.atomic():
        if note is None:
            note = StrategyNote(kind=values.kind, author=author(user))
        note.title = values.title.strip()
        note.language = values.language
        note.country = code
        note.product = values.product
        note.parts = parts
        note.conclusion = values.conclusion.strip()
        stamp(note, user)
        note.save()
        note.files.set(values.files)
    return note
