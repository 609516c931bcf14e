extension String {
    /// Without leading and trailing spaces, tabs and line breaks (without bridging to NSString,
    /// which costs more than the rest of parsing a field).
    public var trimmedWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
