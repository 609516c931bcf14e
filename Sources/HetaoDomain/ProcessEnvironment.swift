import Glibc

/// The process's environment variables, read once from the C library's `environ`: Foundation's
/// `ProcessInfo` builds more than that on first use, at every start.
public enum ProcessEnvironment {
    public static let variables: [String: String] = {
        var found: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals])
                // The first of a name wins, as getenv(3) finds it.
                if found[name] == nil { found[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return found
    }()
}
