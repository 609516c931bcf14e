import Testing
@testable import TerminalKit

/// OSC 52 as terminals read it: RFC 4648 base64 between `ESC ] 52 ; c ;` and BEL.
@Suite struct ClipboardTests {
    @Test func base64MatchesTheRFCsVectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (text, encoded) in vectors { #expect(Clipboard.base64(Array(text.utf8)) == encoded, "\(text)") }
    }

    @Test func theSequenceCarriesTheTextEncoded() {
        #expect(Clipboard.sequence(for: "B1-A") == "\u{1B}]52;c;QjEtQQ==\u{07}")
        // UTF-8 text (a Chinese name) goes through whole.
        #expect(Clipboard.sequence(for: "河套") == "\u{1B}]52;c;5rKz5aWX\u{07}")
    }
}
