import ArgumentParser
import Foundation
import HetaoDomain
import HetaoConfig

/// The user's config file, read once per run; a bad one stops any command that needs it with
/// every problem as `FILE:LINE:COLUMN: message` and exit 78 (EX_CONFIG).
public enum UserConfig {
    public static var path: String { ConfigFile.defaultPath(environment: ProcessEnvironment.variables) }

    /// The config file, read once per run however many options and commands ask.
    public static func load() throws -> ConfigFile? {
        if let loaded { return loaded }
        do {
            let file = try ConfigFile.load(path: path)
            loaded = .some(file)
            return file
        } catch {
            Console.error(error.description)
            throw ExitCode(ConfigError.exitCode)
        }
    }

    nonisolated(unsafe) private static var loaded: ConfigFile??

    /// The settings flags, the config file and the environment add up to.
    public static func settings(_ flags: SettingFlags, file: ConfigFile?) throws -> Settings {
        do { return try Settings(flags: flags, file: file, environment: ProcessEnvironment.variables) } catch {
            Console.error("hetao: \(error)")
            throw ExitCode(64)
        }
    }

    /// The config file's store, with the line it is on.
    public static func store(_ file: ConfigFile?) -> (path: String, origin: String)? {
        guard let file, let store = file.store else { return nil }
        return (store.value, "\(file.path):\(store.line)")
    }
}
