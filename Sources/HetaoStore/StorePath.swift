import Foundation
import HetaoDomain

/// Where the status store lives: `--store`, else `HETAO_STORE`, else the config file's `store`,
/// else the XDG data directory (`$XDG_DATA_HOME/hetao/status.sqlite`, or
/// `~/.local/share/hetao/status.sqlite`).
public enum StorePath {
    public static func resolve(option: String?, configured: (path: String, origin: String)? = nil,
                               environment: [String: String] = ProcessEnvironment.variables) -> String {
        resolveWithOrigin(option: option, configured: configured, environment: environment).path
    }

    /// The path, and where it came from, as `hetao config` shows it.
    public static func resolveWithOrigin(option: String?, configured: (path: String, origin: String)?,
                                         environment: [String: String]) -> (path: String, origin: String) {
        if let option, !option.isEmpty { return (option, "--store") }
        if let path = environment["HETAO_STORE"], !path.isEmpty { return (path, "HETAO_STORE") }
        if let configured { return configured }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return (data + "/hetao/status.sqlite", "XDG_DATA_HOME") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home + "/.local/share/hetao/status.sqlite", "default")
    }
}
