/// A table column as laid out: how wide it wants to be and how much it matters when space is short.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Int
    /// Flexible columns share what is left after fixed ones; `width` is then their minimum.
    public var flexible: Bool
    /// Lower numbers are kept longer when the table is too wide.
    public var priority: Int
    public var alignRight: Bool

    public init(_ title: String, width: Int, flexible: Bool = false, priority: Int, alignRight: Bool = false) {
        self.title = title
        self.width = width
        self.flexible = flexible
        self.priority = priority
        self.alignRight = alignRight
    }
}

/// Places columns in a width: drops the least important until the rest fit, then gives the
/// remaining space to flexible columns.
public enum TableLayout {
    public struct Placed: Hashable, Sendable {
        public var index: Int
        public var x: Int
        public var width: Int
    }

    public static func place(_ columns: [TableColumn], in width: Int, gap: Int = 1) -> [Placed] {
        var kept = Array(columns.indices)
        func needed(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + columns[$1].width } + gap * max(0, indices.count - 1)
        }
        while needed(kept) > width, kept.count > 1 {
            let drop = kept.max { columns[$0].priority < columns[$1].priority }!
            kept.removeAll { $0 == drop }
        }
        let flexible = kept.filter { columns[$0].flexible }
        let spare = max(0, width - needed(kept))
        var x = 0
        return kept.map { index in
            var w = columns[index].width
            if let position = flexible.firstIndex(of: index) {
                w += spare / flexible.count + (position < spare % flexible.count ? 1 : 0)
            }
            w = min(w, max(0, width - x))
            defer { x += w + gap }
            return Placed(index: index, x: x, width: w)
        }
    }

    /// The first row to show so that `selected` is visible in `visible` rows of `count`: the
    /// list turns by whole pages, so moving within a page rewrites two rows over SSH instead of
    /// scrolling every row (the last page ends at the last row).
    public static func scrollOffset(selected: Int, visible: Int, count: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        let page = max(0, selected) / visible * visible
        return max(0, min(count - visible, page))
    }
}
