/// What a cell means, not how it looks: the terminal driver maps each style to colours (or to
/// bold/reverse/dim in monochrome), so views never deal with colour pairs.
public enum Style: UInt8, Sendable, CaseIterable {
    /// Ordinary text.
    case normal
    /// Less important text: hints, placeholders, rows not yet loaded.
    case dim
    /// Emphasis: titles, labels.
    case bold
    /// The top bar and pane titles.
    case header
    /// The row under the cursor.
    case selected
    /// The row of the sample playing.
    case playing
    /// A highlight: the filter text, the playhead, active values.
    case accent
    /// Errors.
    case error
    /// Done, ready.
    case success
    /// Working, waiting.
    case warning
    /// The waveform not yet played.
    case wave
    /// The waveform already played.
    case wavePlayed
    /// The waveform inside the loop region, not yet played.
    case region
    /// Borders and separators.
    case border
    /// A dialog's body.
    case dialog
    /// The focused field of a dialog.
    case field
}
