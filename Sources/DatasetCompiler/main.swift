import Foundation
import HetaoData
import HetaoDomain
import PackedCoding

/// Checks a YAML dataset as `hetao --dataset` would and writes a Swift file declaring
/// `CompiledDataset.packed`, the programme in `PackedEncoder`'s form, as a string literal.
/// A dataset with problems fails the build, each problem as FILE:LINE:COLUMN.
/// Usage: DatasetCompiler INPUT.yaml OUTPUT.swift
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: DatasetCompiler INPUT.yaml OUTPUT.swift\n".utf8))
    exit(64)
}
let programme: Programme
do {
    programme = try DatasetLoader.load(path: arguments[1])
} catch {
    // As compilers write them, so that the build shows each problem at its place.
    let lines = error.problems.isEmpty ? ["\(arguments[1]): error: \(error.description)"]
        : error.problems.map { "\($0.file):\($0.line):\($0.column): error: \($0.message)" }
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    exit(error.exitCode)
}
let packed: String
do { packed = try PackedEncoder.encode(programme) } catch {
    FileHandle.standardError.write(Data("\(arguments[1]): cannot compile the dataset: \(error)\n".utf8))
    exit(70)
}

/// The text as a Swift string literal: byte for byte the same once compiled.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

let source = """
// Generated at build time from \((arguments[1] as NSString).lastPathComponent) by DatasetCompiler. Do not edit.
enum CompiledDataset {
    static let packed: StaticString = \(literal(packed))
}

"""
do {
    try source.write(toFile: arguments[2], atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("\(arguments[2]): cannot write: \(error.localizedDescription)\n".utf8))
    exit(73)
}
