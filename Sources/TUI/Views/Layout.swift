/// Where each part of the screen goes for a terminal size: header on top, the list (and beside
/// it, from 80 columns, the detail pane), the jobs pane, the status line at the bottom.
public struct Layout: Sendable, Equatable {
    /// The smallest terminal the app draws in; below it, a message asks for a bigger one.
    public static let minimumRows = 15
    /// See `minimumRows`.
    public static let minimumCols = 60
    /// From this width the detail pane sits beside the list.
    public static let detailMinimumCols = 80

    /// Whether the terminal is too small to draw the app.
    public let tooSmall: Bool
    /// The top bar.
    public let header: Rect
    /// The sample list, its column titles included.
    public let list: Rect
    /// The detail pane (empty when the terminal is narrow).
    public let detail: Rect
    /// The jobs pane, its title rule included.
    public let jobs: Rect
    /// The status line.
    public let status: Rect

    /// The layout of a `rows` × `cols` terminal with `jobCount` job rows to show.
    public init(rows: Int, cols: Int, jobCount: Int) {
        tooSmall = rows < Self.minimumRows || cols < Self.minimumCols
        header = Rect(row: 0, col: 0, height: 1, width: cols)
        status = Rect(row: rows - 1, col: 0, height: 1, width: cols)
        let jobLines = min(max(1, jobCount), rows >= 30 ? 4 : 2)
        jobs = Rect(row: rows - 2 - jobLines, col: 0, height: 1 + jobLines, width: cols)
        let bodyHeight = jobs.row - 1
        if cols >= Self.detailMinimumCols {
            // Wide terminals give the width to the detail pane (and its waveform): from 140
            // columns it takes half, so the title column does not grow into blank space.
            let detailWidth = cols < 100 ? 30 : cols < 140 ? min(56, cols * 2 / 5) : cols / 2
            list = Rect(row: 1, col: 0, height: bodyHeight, width: cols - detailWidth - 1)
            detail = Rect(row: 1, col: cols - detailWidth, height: bodyHeight, width: detailWidth)
        } else {
            list = Rect(row: 1, col: 0, height: bodyHeight, width: cols)
            detail = Rect(row: 1, col: cols, height: 0, width: 0)
        }
    }

    /// Rows of samples the list shows (its first row holds the column titles).
    public var visibleRows: Int { max(1, list.height - 1) }
}
