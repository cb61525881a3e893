/// Draws the whole app for a state into a new canvas: the panes, then a dialog or the help on
/// top; below the minimum size, a message asking for a bigger terminal.
public enum Screen {
    /// The frame for `state` (its size is the state's).
    public static func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(rows: state.rows, cols: state.cols)
        canvas.isASCII = !state.glyphs.isUnicode
        let layout = state.layout
        if layout.tooSmall {
            drawTooSmall(state, into: &canvas)
            return canvas
        }
        HeaderView.draw(state, into: &canvas, rect: layout.header)
        SampleListView.draw(state, into: &canvas, rect: layout.list)
        DetailView.draw(state, into: &canvas, rect: layout.detail)
        JobsView.draw(state, into: &canvas, rect: layout.jobs)
        StatusLineView.draw(state, into: &canvas, rect: layout.status)
        switch state.frontOverlay {
        case .dialog(let dialog)?: DialogView.draw(dialog, glyphs: state.glyphs, into: &canvas)
        case .stems(let dialog)?: StemDialogView.draw(dialog, state: state, into: &canvas)
        case .collections(let panel)?: CollectionsView.draw(panel, state: state, into: &canvas)
        case .messages(let panel)?: MessagesView.draw(panel, state: state, into: &canvas)
        case .crates(let panel)?: CratesView.draw(panel, state: state, into: &canvas)
        case .help?: HelpOverlay.draw(state, into: &canvas)
        case nil: break
        }
        return canvas
    }

    private static func drawTooSmall(_ state: AppState, into canvas: inout Canvas) {
        let text = "Terminal too small (\(state.cols)x\(state.rows)): enlarge it to at least "
            + "\(Layout.minimumCols)x\(Layout.minimumRows). q quits."
        let lines = TextFit.wrap(text, width: canvas.cols)
        let top = max(0, (canvas.rows - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            canvas.text(line, row: top + index, col: max(0, (canvas.cols - TextFit.width(line)) / 2), style: .bold)
        }
    }
}
