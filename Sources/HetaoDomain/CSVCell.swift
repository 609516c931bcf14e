/// CSV cells that a spreadsheet would run as a formula are written with a leading `'`, the
/// OWASP rule: a cell starting `=`, `+`, `-`, `@`, tab or carriage return, unless it is a plain
/// number (`-30` days stays a number). Reading reverses it exactly: one leading `'` is removed
/// from a cell made of `'`s followed by one of those characters. Cells that already started
/// with such quotes gain one more on the way out, so every value makes the round trip.
public enum CSVCell {
    private static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.first(where: { $0 != "'" }), triggers.contains(first),
              cell.first == "'" || DecimalText.number(cell) == nil else { return cell }
        return "'" + cell
    }

    public static func restored(_ cell: String) -> String {
        guard cell.first == "'", let first = cell.first(where: { $0 != "'" }), triggers.contains(first) else { return cell }
        return String(cell.dropFirst())
    }

    /// A cell as RFC 4180 writes it: in double quotes, with its quotes doubled, when it holds a
    /// comma, a quote or a line break; as it is otherwise.
    public static func field(_ cell: String) -> String {
        guard cell.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return cell }
        var quoted = "\""
        for character in cell {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }
}
