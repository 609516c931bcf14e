import ArgumentParser
import Foundation
import HetaoCommandLine

/// A file a command reads whole: a path, or `-` for standard input.
enum InputFile {
    /// How messages name it (`<stdin>` for `-`) and its bytes; or an exit (66) saying why not.
    static func read(_ argument: String) throws -> (name: String, bytes: Data) {
        let name = argument == "-" ? "<stdin>" : argument
        guard let bytes = argument == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                : FileManager.default.contents(atPath: argument) else {
            Console.error("hetao: \(name): cannot read the file (no such file, or no permission)")
            throw ExitCode(66)
        }
        return (name, bytes)
    }
}
