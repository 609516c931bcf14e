import Foundation
import GRDB
import HetaoDomain

/// The store as it stood: what it held at the end of a past day (the local day, where the
/// dashboard or report runs), and the days on which anything was recorded. Records are stamped
/// in UTC; a day's end is converted once, so a record made at 23:59 counts on its day.
extension StatusStore {
    /// The latest records as known at the end of `day`: records recorded later are not there,
    /// and corrections recorded later do not apply yet.
    public func latest(asKnownOn day: Day) throws(StoreError) -> [StatusRecord] {
        let ids = derivesLatest ? StoreSchema.latestIDsKnownBefore : StoreSchema.latestIDsKnownBeforeFromLatest(backend.dialect)
        return try fetch("SELECT * FROM record WHERE id IN (\(ids))", [LocalDay.start(of: day.adding(days: 1)).databaseValue])
    }

    /// The latest records as known at the end of `day`, from those known at the end of `shown`
    /// (by slot, in `updated`): only the slots recorded between the two days are read again, so stepping
    /// from one recording day to the next costs what was recorded in between.
    /// `known` is updated in place (a copy of 10,000 records per step would cost more than the
    /// step's reading); when this throws, it is left part-way and must not be used.
    public func latest(asKnownOn day: Day, from shown: Day, updating updated: inout [String: StatusRecord]) throws(StoreError) {
        let (early, late) = day < shown ? (day, shown) : (shown, day)
        let arguments = [early, late, day].map { LocalDay.start(of: $0.adding(days: 1)).databaseValue }
        do {
            let rows = try backend.read { sql in try sql.rows(StoreSchema.slotsRecordedBetween(sql.dialect), arguments) }
            var ids: [Int64] = []
            for row in rows {
                let slot = [row[0], row[1], row[2]].map { String.fromDatabaseValue($0) ?? "" }.joined(separator: "|")
                if let id = Int64.fromDatabaseValue(row[3]) { ids.append(id) } else { updated[slot] = nil }
            }
            guard !ids.isEmpty else { return }
            for record in try fetch("SELECT * FROM record WHERE id IN (\(backend.dialect.integers("?")))",
                                    [("[" + ids.map(String.init).joined(separator: ",") + "]").databaseValue]) {
                updated[record.slot] = record
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw translate(error)
        }
    }

    /// The last day before `day` on which something was recorded.
    public func recordingDay(before day: Day) throws(StoreError) -> Day? {
        try stamp("SELECT MAX(recorded_at) FROM record WHERE recorded_at < ?", LocalDay.start(of: day)).map(LocalDay.day)
    }

    /// The first day after `day` on which something was recorded.
    public func recordingDay(after day: Day) throws(StoreError) -> Day? {
        try stamp("SELECT MIN(recorded_at) FROM record WHERE recorded_at >= ?", LocalDay.start(of: day.adding(days: 1)))
            .map(LocalDay.day)
    }

    private func stamp(_ query: String, _ argument: String) throws(StoreError) -> String? {
        do { return try backend.read { sql in try sql.value(query, [argument.databaseValue], as: String.self) } } catch {
            throw translate(error)
        }
    }
}

/// Local days and the UTC stamps records carry.
public enum LocalDay {
    /// The UTC stamp of the local midnight that starts `day`.
    public static func start(of day: Day) -> String {
        var parts = tm()
        parts.tm_year = Int32(day.year - 1900)
        parts.tm_mon = Int32(day.month - 1)
        parts.tm_mday = Int32(day.day)
        parts.tm_isdst = -1
        let seconds = mktime(&parts)
        return StatusStore.timestamp(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The local day of a UTC stamp (`2026-11-27T07:40:21.123Z`).
    static func day(of stamp: String) -> Day {
        guard let local = LocalTime.parts(of: stamp) else { return Day(iso: String(stamp.prefix(10))) ?? Day(ordinal: 0) }
        return Day(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday)) ?? Day(ordinal: 0)
    }
}

extension StatusStore {
    /// What changed between two instants (UTC stamps; `until` nil: now), net, one entry per
    /// figure: as known when the period began, as known when it ended, and the records made in
    /// between, newest change first. The dataset's own first records, written when the store was
    /// made, are where histories start: known from the start, never changes. At most `limit`
    /// records are read.
    public func changes(since start: String, until end: String? = nil, limit: Int = 5000) throws(StoreError) -> [NetChange] {
        let end = end ?? "9999"
        let recent = try fetch("""
            SELECT * FROM record WHERE recorded_at >= ? AND recorded_at < ? AND recorded_by != ?
            ORDER BY recorded_at DESC, id DESC LIMIT ?
            """, [start, end, Self.seedRecorder].map(\.databaseValue) + [limit.databaseValue])
        var bySlot: [String: [StatusRecord]] = [:]
        var order: [String] = []
        for record in recent {
            if bySlot[record.slot] == nil { order.append(record.slot) }
            bySlot[record.slot, default: []].append(record)
        }
        return try order.map { slot throws(StoreError) in
            let records = Array(bySlot[slot]!.reversed())
            let r = records[0]
            return NetChange(before: try standing(r, before: start), after: try standing(r, before: end), records: records)
        }
    }

    /// The latest record of `r`'s slot as known before `stamp`, the dataset's seed records
    /// counted as known from the start.
    private func standing(_ r: StatusRecord, before stamp: String) throws(StoreError) -> StatusRecord? {
        try fetch("""
            SELECT * FROM record AS r WHERE r.subject = ?1 AND r.kind = ?2 AND r.event = ?3
            AND (r.recorded_at < ?4 OR r.recorded_by = ?5)
            AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id AND (c.recorded_at < ?4 OR c.recorded_by = ?5))
            ORDER BY r.as_of DESC, r.id DESC LIMIT 1
            """, [r.subject, r.kind.rawValue, r.event?.rawValue ?? "", stamp, Self.seedRecorder].map(\.databaseValue)).first
    }
}
