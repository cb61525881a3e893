import Foundation
import Testing
import TestSupport

/// The tmux harness the end-to-end tests of the terminal app use, checked on `sh`.
@Suite("the tmux harness", .enabled(if: EndToEnd.runs(Tmux.isInstalled), "needs tmux (Debian: tmux)"))
struct TmuxHarnessTests {
    @Test("keys reach the program and its output is read back from the screen")
    func typesAndReads() throws {
        let tmux = try Tmux(["sh"], environment: ["PS1": "$ "])
        try tmux.wait(for: "$")
        try tmux.type("echo answer-$((6 * 7))")
        try tmux.press("Enter")
        let screen = try tmux.wait(for: "answer-42")
        #expect(screen.contains("$ echo answer-$((6 * 7))"))
    }

    @Test("resizing changes the program's terminal, and the exit status is read")
    func resizesAndExits() throws {
        // The program reports its terminal's size when it is resized, then exits with status 3.
        let tmux = try Tmux(["sh", "-c", "trap 'stty size; exit 3' WINCH; echo ready; while :; do sleep 0.05; done"],
                            width: 120, height: 40)
        #expect(try tmux.size() == (120, 40))
        try tmux.wait(for: "ready")
        #expect(try tmux.exitStatus() == nil)
        try tmux.resize(width: 40, height: 10)
        #expect(try tmux.size() == (40, 10))
        #expect(try tmux.waitForExit() == 3)
        #expect(try tmux.screen().contains("10 40"))
    }

    @Test("the program gets the signals tmux sends (the test runner blocks them in its threads)")
    func signalsArrive() throws {
        let tmux = try Tmux(["sh", "-c", "trap 'echo got-winch' WINCH; trap 'echo got-int' INT; echo ready; while :; do sleep 0.05; done"])
        try tmux.wait(for: "ready")
        try tmux.resize(width: 60, height: 20)
        try tmux.wait(for: "got-winch")
        try tmux.press("C-c")
        try tmux.wait(for: "got-int")
    }

    @Test("a screen that never comes fails with what was on the screen")
    func timesOut() throws {
        let tmux = try Tmux(["sh"], environment: ["PS1": "prompt> "])
        try tmux.wait(for: "prompt>")
        let error = #expect(throws: CommandFailure.self) { try tmux.wait(for: "never shown", seconds: 0.3) }
        #expect(error?.description.contains("prompt>") == true)
    }
}
