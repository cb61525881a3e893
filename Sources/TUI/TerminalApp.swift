import Client

/// The ncurses application over a `SampleTokClient` (issue #6; being built).
public enum TerminalApp {}
