import PackagePlugin
import Foundation

/// Embeds `Resources/hetao.yaml` into the binary, so that a release build copied to another
/// folder or host still has its default dataset without a resource bundle beside it.
@main
struct EmbedDatasetPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "Resources/hetao.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDataset.swift")
        return [
            .buildCommand(
                displayName: "Embedding the bundled dataset",
                executable: try context.tool(named: "EmbedResourceTool").url,
                arguments: [input.path, output.path],
                inputFiles: [input],
                outputFiles: [output]
            ),
        ]
    }
}
