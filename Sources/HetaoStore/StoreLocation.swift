/// What `--store`, `HETAO_STORE` or the config file's `store` names: an SQLite file's path, or
/// a PostgreSQL database, as a `postgres://` (or `postgresql://`) URL or libpq's `key=value`
/// words (`host=db.example dbname=hetao`). A path stays a path, so a user who never names
/// PostgreSQL gets SQLite with nothing to set up.
public enum StoreLocation {
    /// libpq's connection keywords: words that start a conninfo, not a file name.
    private static let keywords: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service", "sslmode", "sslrootcert",
        "sslcert", "sslkey", "connect_timeout", "application_name", "options", "target_session_attrs", "channel_binding",
        "gssencmode", "krbsrvname", "requiressl", "keepalives", "keepalives_idle", "client_encoding",
    ]

    /// The conninfo when `text` names a PostgreSQL database; nil for a file path.
    public static func postgres(_ text: String) -> String? {
        let trimmed = text.drop { $0 == " " }
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") { return String(trimmed) }
        guard let equals = trimmed.firstIndex(of: "=") else { return nil }
        let key = trimmed[..<equals].trimmingCharacters(in: " ")
        return keywords.contains(key) ? String(trimmed) : nil
    }

    /// `conninfo` with its password hidden, for messages and `hetao config`.
    public static func redacted(_ conninfo: String) -> String {
        if let scheme = conninfo.range(of: "://") {
            var text = conninfo
            let authority = text[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
            return hidingParameter(in: text, separator: "&", start: "password=")
        }
        return hidingParameter(in: conninfo, separator: " ", start: "password=")
    }

    /// Each `password=…` value in `text` as `***`, up to `separator` (or the end, or a quoted
    /// value's closing quote).
    private static func hidingParameter(in text: String, separator: Character, start: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let found = rest.range(of: start) {
            let before = found.lowerBound == rest.startIndex ? nil : rest[rest.index(before: found.lowerBound)]
            out += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            guard before == nil || before == separator || before == "?" || before == " " else { continue }
            if rest.first == "'" {
                var index = rest.index(after: rest.startIndex)
                while index < rest.endIndex, rest[index] != "'" {
                    index = rest[index] == "\\" ? rest.index(index, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex : rest.index(after: index)
                }
                rest = index < rest.endIndex ? rest[rest.index(after: index)...] : ""
            } else {
                rest = rest.drop { $0 != separator }
            }
            out += "***"
        }
        return out + rest
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
