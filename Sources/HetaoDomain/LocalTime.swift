import Glibc

/// The store's UTC stamps (`2026-11-27T07:40:21.123Z`) as the viewer reads them: in the local
/// time zone (`TZ`, else the system's), the zone named once where they are shown. JSON keeps
/// the stamps in UTC.
public enum LocalTime {
    /// The local broken-down time of `stamp`; nil when it is not a stamp.
    public static func parts(of stamp: String) -> tm? {
        _ = zoneRead
        let digits = stamp.split(whereSeparator: { !$0.isNumber }).prefix(6).compactMap { Int($0) }
        guard digits.count == 6 else { return nil }
        var utc = tm()
        utc.tm_year = Int32(digits[0] - 1900)
        utc.tm_mon = Int32(digits[1] - 1)
        utc.tm_mday = Int32(digits[2])
        utc.tm_hour = Int32(digits[3])
        utc.tm_min = Int32(digits[4])
        utc.tm_sec = Int32(digits[5])
        var seconds = timegm(&utc)
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return nil }
        return local
    }

    /// `TZ` read once: `localtime_r` need not read it itself.
    private static let zoneRead: Void = tzset()

    /// `2026-11-27 15:40`, local; the stamp as written (control characters escaped) when it is
    /// not one: a store before v5 kept whatever an import said.
    public static func minute(of stamp: String) -> String {
        guard let t = parts(of: stamp) else { return VisibleText.escaped(stamp) }
        return "\(Int(t.tm_year) + 1900)-\(Format.zeroPadded(Int(t.tm_mon) + 1, width: 2))-"
            + "\(Format.zeroPadded(Int(t.tm_mday), width: 2)) \(Format.zeroPadded(Int(t.tm_hour), width: 2)):"
            + Format.zeroPadded(Int(t.tm_min), width: 2)
    }

    /// `15:40`, local: a time today, as a status bar says it.
    public static func clock(of stamp: String) -> String {
        guard let t = parts(of: stamp) else { return VisibleText.escaped(stamp) }
        return Format.zeroPadded(Int(t.tm_hour), width: 2) + ":" + Format.zeroPadded(Int(t.tm_min), width: 2)
    }

    /// `2026-11-27 15:40:21`, local, to the second.
    public static func second(of stamp: String) -> String {
        guard let t = parts(of: stamp) else { return VisibleText.escaped(stamp) }
        return minute(of: stamp) + ":" + Format.zeroPadded(Int(t.tm_sec), width: 2)
    }

    /// The local zone's name as people read it (`HKT`, `UTC`, `+08`): named once beside the
    /// times shown.
    public static var zone: String {
        _ = zoneRead
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil, let name = local.tm_zone else { return "UTC" }
        let text = String(cString: name)
        return text.isEmpty ? "UTC" : text
    }
}
