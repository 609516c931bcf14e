import ArgumentParser
import Foundation

/// `hetao-serve`, the program beside `hetao` that holds the SSH server: `hetao serve` and
/// `hetao users` become it, the way `git foo` runs `git-foo`, so that `hetao`, which every
/// session starts, links none of the server's libraries.
public enum ServerProgram {
    /// The folder of the running executable, symbolic links resolved: where its fellow program is.
    private static let folder: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (exe as NSString).deletingLastPathComponent
    }()

    /// The program `name` installed beside this one.
    public static func beside(_ name: String) -> String { folder + "/" + name }

    public static var path: String { beside("hetao-serve") }

    /// Replaces this process with `hetao-serve`, given the same arguments: the process id stays,
    /// so a service manager, a pid file and a session's server all still see one process.
    public static func handOver() throws -> Never {
        let target = path
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) == target {
            Console.error("hetao-serve: cannot carry out \(CommandLine.arguments.dropFirst().joined(separator: " "))")
            throw ExitCode(70)
        }
        let arguments = [target] + CommandLine.arguments.dropFirst()
        let argv = arguments.map { strdup($0) } + [nil]
        execv(target, argv)
        Console.error("hetao: cannot run \(target): \(String(cString: strerror(errno))); hetao serve and hetao users need it "
                      + "installed beside hetao")
        throw ExitCode(69)
    }
}
