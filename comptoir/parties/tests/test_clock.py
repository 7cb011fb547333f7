"""The partner's local time and kind of day."""

import datetime as dt

from comptoir.parties.clock import partner_clock

UTC = dt.UTC


def test_local_time_follows_the_partner_time_zone():
    clock = partner_clock("JP", "Asia/Tokyo", dt.datetime(2026, 3, 2, 1, 30, tzinfo=UTC))
    assert clock.local_time.hour == 10 and clock.local_time.minute == 30
    assert clock.utc_offset == "UTC+09:00"
    assert clock.within_office_hours and not clock.is_weekend and clock.holiday_name is None
    assert clock.good_time_to_call


def test_night_time_is_flagged():
    # 10:00 in Paris is 04:00 in New York in March (before US DST starts on 8 March 2026).
    clock = partner_clock("US", "America/New_York", dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert clock.local_time.hour == 4
    assert not clock.within_office_hours and not clock.good_time_to_call


def test_public_holiday_is_named():
    clock = partner_clock("DE", "Europe/Berlin", dt.datetime(2026, 10, 3, 10, 0, tzinfo=UTC))
    assert clock.holiday_name in ("German Unity Day", "Tag der Deutschen Einheit")
    assert not clock.good_time_to_call


def test_weekend_days_depend_on_the_country():
    friday = dt.datetime(2026, 3, 6, 9, 0, tzinfo=UTC)
    assert partner_clock("SA", "Asia/Riyadh", friday).is_weekend  # Friday-Saturday weekend
    assert not partner_clock("FR", "Europe/Paris", friday).is_weekend


def test_holiday_name_in_the_user_language_when_available():
    clock = partner_clock(
        "FR", "Europe/Paris", dt.datetime(2026, 7, 14, 10, 0, tzinfo=UTC), language="fr"
    )
    assert clock.holiday_name == "Fête nationale"


def test_the_clock_is_the_trade_core_one_and_a_bad_zone_shows_utc():
    from comptoir.trade import calendars

    clock = partner_clock("FR", "Not/AZone", dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert isinstance(clock, calendars.PartnerClock)
    assert (clock.time_zone, clock.utc_offset, clock.local_time.hour) == ("UTC", "UTC+00:00", 9)
