/// One character cell of the screen: a character and its style. The second half of a
/// double-width character is a `continuation` cell that terminals fill themselves.
public struct Cell: Sendable, Equatable {
    /// The character shown (one grapheme).
    public var character: Character
    /// How it looks.
    public var style: Style
    /// Whether this cell is covered by the double-width character on its left.
    public var isContinuation: Bool

    /// A cell showing `character` in `style`.
    public init(_ character: Character = " ", _ style: Style = .normal, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An empty cell.
    public static let blank = Cell()
}
