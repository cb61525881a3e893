/// The characters views draw frames, marks, bars and waveforms with: Unicode in a UTF-8
/// locale, plain ASCII otherwise.
public struct Glyphs: Sendable, Equatable {
    /// Whether these are the Unicode glyphs.
    public let isUnicode: Bool
    /// A horizontal rule.
    public let horizontal: Character
    /// A vertical rule.
    public let vertical: Character
    /// The mark of the sample playing.
    public let playing: Character
    /// The mark of the sample paused.
    public let paused: Character
    /// The mark of a sample that ended or could not play (no sound comes out).
    public let stopped: Character
    /// The scrollbar's track.
    public let track: Character
    /// The scrollbar's thumb.
    public let thumb: Character
    /// A filled progress cell.
    public let barFull: Character
    /// An empty progress cell.
    public let barEmpty: Character
    /// The played part of the position line.
    public let lineDone: Character
    /// The playhead on the position line.
    public let lineHead: Character
    /// The part of the position line still to play.
    public let lineTodo: Character
    /// Waveform levels from empty to full, for the top cell of a column.
    public let levels: [Character]
    /// Box corners: top left, top right, bottom left, bottom right.
    public let corners: [Character]
    /// The separator between pieces of text.
    public let dot: String
    /// A cut-off mark.
    public let ellipsis: String

    /// Box drawing, block elements and `▶`.
    public static let unicode = Glyphs(
        isUnicode: true, horizontal: "─", vertical: "│", playing: "▶", paused: "‖", stopped: "■", track: "│", thumb: "█",
        barFull: "█", barEmpty: "░", lineDone: "━", lineHead: "╸", lineTodo: "─",
        levels: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], corners: ["┌", "┐", "└", "┘"], dot: " · ", ellipsis: "…")

    /// Only printable ASCII.
    public static let ascii = Glyphs(
        isUnicode: false, horizontal: "-", vertical: "|", playing: ">", paused: "=", stopped: "#", track: "|", thumb: "#",
        barFull: "#", barEmpty: ".", lineDone: "=", lineHead: ">", lineTodo: "-",
        levels: [" ", ".", ".", "-", "-", "=", "=", "#", "#"], corners: ["+", "+", "+", "+"], dot: " - ", ellipsis: "~")
}
