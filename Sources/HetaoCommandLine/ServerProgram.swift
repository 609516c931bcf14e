import ArgumentParser
import Foundation

/// `hetao-serve`, the program beside `hetao` that holds the SSH server: `hetao serve` and
/// `hetao users` become it, the way `git foo` runs `git-foo`, so that `hetao`, which every
/// session starts, links none of the server's libraries.
public enum ServerProgram {
    /// The folder of the running executable, symbolic links resolved: where its fellow program is.
    private static let folder: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        let folder = (exe as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }()

    /// The program `name` installed beside this one.
    public static func beside(_ name: String) -> String { folder + "/" + name }

    public static var path: String { beside("hetao-serve") }

    /// Set in the environment of the `hetao-serve` this program becomes, which clears it.
    public static let handedOver = "HETAO_HANDED_OVER"

    /// Replaces this process with `hetao-serve`, given the same arguments: the process id stays,
    /// so a service manager, a pid file and a session's server all still see one process.
    public static func handOver() throws -> Never {
        let target = path
        // Never twice: a `hetao-serve` that is this program (a link, a copy) would hand over to
        // itself for ever.
        var own = stat(), theirs = stat()
        let isSelf = stat("/proc/self/exe", &own) == 0 && stat(target, &theirs) == 0 && own.st_dev == theirs.st_dev
            && own.st_ino == theirs.st_ino
        if isSelf || getenv(handedOver) != nil {
            Console.error("hetao: \(target) does not carry out \(CommandLine.arguments.dropFirst().first ?? "this command"); "
                          + "it should be the hetao-serve program installed with hetao")
            throw ExitCode(70)
        }
        setenv(handedOver, "1", 1)
        let arguments = [target] + CommandLine.arguments.dropFirst()
        let argv = arguments.map { strdup($0) } + [nil]
        execv(target, argv)
        Console.error("hetao: cannot run \(target): \(String(cString: strerror(errno))); hetao serve and hetao users need it "
                      + "installed beside hetao")
        throw ExitCode(69)
    }
}
