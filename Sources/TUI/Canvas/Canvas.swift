/// An in-memory grid of cells, rows × columns. Views draw into it; the terminal driver writes
/// only the cells that differ from the previous frame. Tests read it back as text.
///
/// Every drawing call clips to the grid (and to an optional rectangle), so no string and no
/// size, down to 0×0, can make it write out of bounds.
public struct Canvas: Sendable, Equatable {
    /// Rows.
    public let rows: Int
    /// Columns.
    public let cols: Int
    /// The cells, row by row.
    public private(set) var cells: [Cell]
    /// Whether text is written in ASCII only (a locale that is not UTF-8): other characters
    /// become their nearest ASCII look-alike, or `?`.
    public var isASCII = false

    /// A blank grid.
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: .blank, count: self.rows * self.cols)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(row: 0, col: 0, height: rows, width: cols) }

    /// The cell at a position (blank outside the grid).
    public subscript(row: Int, col: Int) -> Cell {
        guard row >= 0, row < rows, col >= 0, col < cols else { return .blank }
        return cells[row * cols + col]
    }

    /// Sets one cell, if it is inside the grid and `clip`.
    public mutating func put(_ cell: Cell, row: Int, col: Int, clip: Rect? = nil) {
        guard row >= 0, row < rows, col >= 0, col < cols else { return }
        if let clip, !(clip.row..<clip.bottom).contains(row) || !(clip.col..<clip.right).contains(col) { return }
        cells[row * cols + col] = cell
    }

    /// Fills a rectangle with a character.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        for row in rect.row..<rect.bottom {
            for col in rect.col..<rect.right { put(Cell(character, style), row: row, col: col) }
        }
    }

    /// Writes `text` from a position, at most `width` columns (default: to the end of the row),
    /// clipped to `clip`. Control characters are dropped, double-width characters take two cells
    /// (or a space when only one is left). Returns the columns written.
    @discardableResult
    public mutating func text(_ text: String, row: Int, col: Int, width: Int? = nil, style: Style = .normal,
                              clip: Rect? = nil) -> Int {
        let limit = width ?? (cols - col)
        guard limit > 0 else { return 0 }
        var used = 0
        for original in text {
            let character = isASCII ? ASCIIFallback.character(for: original) : original
            let w = CharacterWidth.of(character)
            if w == 0 { continue }
            if used + w > limit {
                if w == 2, used < limit { put(Cell(" ", style), row: row, col: col + used, clip: clip) ; used += 1 }
                break
            }
            put(Cell(character, style), row: row, col: col + used, clip: clip)
            if w == 2 { put(Cell(" ", style, isContinuation: true), row: row, col: col + used + 1, clip: clip) }
            used += w
        }
        return used
    }

    /// Writes `text` padded with spaces (or cut, ending in `…`) to exactly `width` columns.
    public mutating func field(_ text: String, row: Int, col: Int, width: Int, style: Style = .normal,
                               alignRight: Bool = false, clip: Rect? = nil) {
        guard width > 0 else { return }
        let fitted = TextFit.fit(text, width: width, alignRight: alignRight)
        self.text(fitted, row: row, col: col, width: width, style: style, clip: clip)
    }

    /// The text of one row (continuation cells left out), without trailing spaces.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < rows else { return "" }
        var text = ""
        for col in 0..<cols where !self[row, col].isContinuation { text.append(self[row, col].character) }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Every row's text, joined by newlines (what `tmux capture-pane -p` would show).
    public var text: String { (0..<rows).map(line).joined(separator: "\n") }
}

extension Canvas {
    /// Draws a frame around `rect` with an optional title in its top edge, and blanks its inside.
    public mutating func box(_ rect: Rect, title: String = "", glyphs: Glyphs, style: Style = .border,
                             fillStyle: Style = .dialog) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        fill(rect.inset(by: 1), style: fillStyle)
        let (top, bottom, right) = (rect.row, rect.bottom - 1, rect.right - 1)
        for col in rect.col...right {
            put(Cell(glyphs.horizontal, style), row: top, col: col)
            put(Cell(glyphs.horizontal, style), row: bottom, col: col)
        }
        for row in top...bottom {
            put(Cell(glyphs.vertical, style), row: row, col: rect.col)
            put(Cell(glyphs.vertical, style), row: row, col: right)
        }
        put(Cell(glyphs.corners[0], style), row: top, col: rect.col)
        put(Cell(glyphs.corners[1], style), row: top, col: right)
        put(Cell(glyphs.corners[2], style), row: bottom, col: rect.col)
        put(Cell(glyphs.corners[3], style), row: bottom, col: right)
        if !title.isEmpty, rect.width > 4 {
            text(" \(title) ", row: top, col: rect.col + 2, width: rect.width - 4, style: .bold)
        }
    }

    /// Draws a large titled panel over the screen (the collections, the message log) and
    /// returns its inside, or nil when the grid is too small for one to be of use.
    public mutating func panel(title: String, glyphs: Glyphs) -> Rect? {
        let box = centered(height: max(8, rows - 4), width: max(40, min(110, cols - 4)))
        self.box(box, title: title, glyphs: glyphs)
        let inner = box.inset(by: 1)
        return inner.height >= 3 && inner.width >= 20 ? inner : nil
    }

    /// A rectangle of `height` × `width` centred in the grid (shrunk to fit).
    public func centered(height: Int, width: Int) -> Rect {
        let h = min(height, rows), w = min(width, cols)
        return Rect(row: (rows - h) / 2, col: (cols - w) / 2, height: h, width: w)
    }
}
