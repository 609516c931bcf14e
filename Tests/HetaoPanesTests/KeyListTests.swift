import Foundation
import HetaoText
import Testing
@testable import HetaoPanes

/// The README's list of keys is the key table's: a binding added, changed or described anew
/// fails here until the list says so (`HETAO_RECORD_SNAPSHOTS=1` writes it).
@Suite struct KeyListTests {
    private let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../../README.md")
    private let start = "<!-- keys: written from the key table -->\n"
    private let end = "<!-- /keys -->"

    @Test func theReadmeListsEveryBindingAsTheTableHasIt() throws {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let from = try #require(text.range(of: start)), to = try #require(text.range(of: end))
        let listed = String(text[from.upperBound..<to.lowerBound])
        let wanted = KeyMap.markdown() + "\n"
        if listed != wanted, ProcessInfo.processInfo.environment["HETAO_RECORD_SNAPSHOTS"] == "1" {
            try (text[..<from.upperBound] + wanted + text[to.lowerBound...]).write(to: readme, atomically: true, encoding: .utf8)
            Issue.record("wrote the README's key list; check it and run again")
            return
        }
        #expect(listed == wanted, "the README's key list differs from the key table")
        // Every binding is there, by its keys and its words.
        for binding in KeyMap.bindings {
            #expect(listed.contains(binding.keys.map { "`\($0.label)`" }.joined(separator: " ") + " " + Texts.english[binding.description]))
        }
    }
}
