import Foundation
import PackagePlugin

/// Checks `Resources/hetao.yaml` and compiles it into the binary in a form that loads without
/// parsing, so that every start (every SSH session) skips the YAML, and a binary copied to
/// another folder or host still has its default dataset. A dataset with problems fails the build.
@main
struct CompileDatasetPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "Resources/hetao.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "CompiledDataset.swift")
        return [
            .buildCommand(
                displayName: "Checking and compiling the bundled dataset",
                executable: try context.tool(named: "DatasetCompiler").url,
                arguments: [input.path, output.path],
                inputFiles: [input],
                outputFiles: [output]
            ),
        ]
    }
}
