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
        guard trimmed.contains("="), let first = words(String(trimmed)).first, keywords.contains(first.key) else { return nil }
        return String(trimmed)
    }

    /// `conninfo` with its password hidden, for messages and `hetao config`.
    public static func redacted(_ conninfo: String) -> String {
        if let scheme = conninfo.range(of: "://") {
            var text = conninfo
            let authority = text[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
            guard let query = text.firstIndex(of: "?") else { return text }
            let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
                pair.split(separator: "=", maxSplits: 1).first == "password" ? "password=***" : String(pair)
            }
            return text[...query] + parameters.joined(separator: "&")
        }
        return words(conninfo).map { $0.key == "password" ? "password=***" : $0.text }.joined(separator: " ")
    }

    /// `conninfo` with `defaults` for the keywords it does not name itself.
    public static func adding(_ defaults: [String: String], to conninfo: String) -> String {
        if conninfo.contains("://") {
            let query = conninfo.firstIndex(of: "?").map { conninfo[conninfo.index(after: $0)...] } ?? ""
            let named = Set(query.split(separator: "&").compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) })
            let added = defaults.filter { !named.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            guard !added.isEmpty else { return conninfo }
            return conninfo + (conninfo.contains("?") ? "&" : "?") + added.joined(separator: "&")
        }
        let named = Set(words(conninfo).map(\.key))
        let added = defaults.filter { !named.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return (added + [conninfo]).joined(separator: " ")
    }

    /// libpq's `keyword = value` words, each with its text as written: spaces may stand around
    /// `=`, and a value is a run of other characters, or quoted in `'` with `\` escapes.
    private static func words(_ conninfo: String) -> [(key: String, text: String)] {
        var out: [(key: String, text: String)] = []
        var rest = Substring(conninfo)
        func skipSpaces() { rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" } }
        skipSpaces()
        while !rest.isEmpty {
            let start = rest.startIndex
            let key = rest.prefix { $0 != "=" && $0 != " " && $0 != "\t" && $0 != "\n" }
            rest = rest[key.endIndex...]
            skipSpaces()
            if rest.first == "=" {
                rest = rest.dropFirst()
                skipSpaces()
                if rest.first == "'" {
                    rest = rest.dropFirst()
                    while let character = rest.first, character != "'" { rest = rest.dropFirst(character == "\\" ? 2 : 1) }
                    rest = rest.dropFirst()
                } else {
                    while let character = rest.first, character != " " && character != "\t" && character != "\n" {
                        rest = rest.dropFirst(character == "\\" ? 2 : 1)
                    }
                }
            }
            out.append((String(key), String(conninfo[start..<rest.startIndex])))
            skipSpaces()
        }
        return out
    }
}
