//! Time zones from the bundled tz database (never the system zoneinfo, so results do
//! not depend on the machine), and civil intervals converted to UTC.

use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{TimeZone, TimeZoneDatabase};

static DB: LazyLock<TimeZoneDatabase> = LazyLock::new(TimeZoneDatabase::bundled);

/// The zone named `name` (IANA), if the bundled database has it.
pub fn zone(name: &str) -> Option<TimeZone> {
    if name.eq_ignore_ascii_case("UTC") {
        return Some(TimeZone::UTC);
    }
    DB.get(name).ok()
}

/// `[start, end)` on the wall clock of `tz`, as UTC instants. Gaps and folds resolve
/// the "compatible" way (as RFC 5545 does).
pub fn to_utc(tz: &TimeZone, start: DateTime, end: DateTime) -> Option<(Timestamp, Timestamp)> {
    let s = tz.to_ambiguous_timestamp(start).compatible().ok()?;
    let e = tz.to_ambiguous_timestamp(end).compatible().ok()?;
    (s < e).then_some((s, e))
}
