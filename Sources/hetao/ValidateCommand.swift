import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoData

extension Hetao {
    /// Checks a dataset file and lists every problem, or says OK.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check a dataset file; print OK or every problem as FILE:LINE:COLUMN: message.",
            discussion: "Exits 0 when the file is valid, 65 when it has problems, 66 when it cannot be read."
        )

        @Argument(help: ArgumentHelp("The YAML dataset to check, or - for standard input.", valueName: "file"))
        var file: String

        func run() throws {
            let file = self.file == "-" ? "<stdin>" : self.file
            do {
                let programme = self.file == "-" ? try DatasetLoader.parse(FileHandle.standardInput.readDataToEndOfFile(), file: file)
                    : try DatasetLoader.load(path: file)
                Console.out("\(file): OK (\(programme.buildings.count) buildings, \(programme.allAllocations.count) allocations, "
                            + "\(programme.sources.count) sources)\n")
            } catch {
                Console.error(error.description)
                if case .invalid(let problems) = error {
                    Console.error("\(file): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
                }
                throw ExitCode(error.exitCode)
            }
        }
    }
}
