import Foundation

/// Writes a Swift file declaring `EmbeddedDataset.yaml` with the given file's text as a raw
/// string literal. Usage: EmbedResourceTool INPUT OUTPUT
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedResourceTool INPUT OUTPUT\n".utf8))
    exit(64)
}
let text: String
do {
    text = try String(contentsOfFile: arguments[1], encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("\(arguments[1]): cannot read: \(error.localizedDescription)\n".utf8))
    exit(66)
}
// Choose a delimiter of hashes that cannot occur inside the text.
var hashes = "#"
while text.contains("\"\"\"" + hashes) || text.contains("\"" + hashes) { hashes += "#" }
let source = """
// Generated at build time from Resources/hetao.yaml. Do not edit.
enum EmbeddedDataset {
    static let yaml = \(hashes)\"\"\"
\(text)
\"\"\"\(hashes)
}

"""
do {
    try source.write(toFile: arguments[2], atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("\(arguments[2]): cannot write: \(error.localizedDescription)\n".utf8))
    exit(73)
}
