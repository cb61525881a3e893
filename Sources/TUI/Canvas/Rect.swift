/// A rectangle of cells: where a view draws.
public struct Rect: Sendable, Equatable {
    /// The top row.
    public var row: Int
    /// The left column.
    public var col: Int
    /// How many rows.
    public var height: Int
    /// How many columns.
    public var width: Int

    /// Creates a rectangle; negative sizes become empty.
    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row
        self.col = col
        self.height = max(0, height)
        self.width = max(0, width)
    }

    /// Whether it has no cell.
    public var isEmpty: Bool { height == 0 || width == 0 }

    /// The row below the last one.
    public var bottom: Int { row + height }

    /// Whether the cell at `row`, `col` is inside.
    public func contains(row: Int, col: Int) -> Bool {
        row >= self.row && row < bottom && col >= self.col && col < self.col + width
    }

    /// The column right of the last one.
    public var right: Int { col + width }

    /// The rectangle shrunk by `amount` on every side.
    public func inset(by amount: Int) -> Rect {
        Rect(row: row + amount, col: col + amount, height: height - 2 * amount, width: width - 2 * amount)
    }
}
