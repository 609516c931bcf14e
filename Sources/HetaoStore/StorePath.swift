import Foundation

/// Where the status store lives: `--store`, else `HETAO_STORE`, else the XDG data directory
/// (`$XDG_DATA_HOME/hetao/status.sqlite`, or `~/.local/share/hetao/status.sqlite`).
public enum StorePath {
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let path = environment["HETAO_STORE"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/hetao/status.sqlite" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/hetao/status.sqlite"
    }
}
