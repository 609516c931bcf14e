/// JSON that is safe to print to a terminal: the encoder escapes C0 controls but writes DEL,
/// C1 controls, bidirectional and zero-width characters and line separators as they are.
/// They can only occur inside strings, where `\uXXXX` means the same character, so escaping
/// them changes no value.
public enum JSONText {
    public static func escapingInvisible(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: VisibleText.isHidden) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if VisibleText.isHidden(scalar) && scalar.value >= 0x7F {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
