import Analysis
import ArgumentParser
import Engine
import Foundation
import Media

/// `sampletok process INPUT --out DIR`: one pass from a media file to the files SampleTok serves.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Turn an audio or video file into a WAV, an MP3, an HLS stream, peaks and a waveform image.",
        discussion: """
            One demux, decode and resample of INPUT feeds every output. DIR receives:
              audio.wav        48 kHz 24-bit PCM stereo (mono duplicated, surround downmixed)
              audio.mp3        320 kb/s CBR MP3 with a Xing/LAME header
              hls/index.m3u8   HLS VOD playlist; AAC in fragmented-MP4 segments of 2 s
              peaks.json       waveform min/max peaks at 256 and 2048 bins
              waveform.png     an 1800x280 waveform picture
            The folder is built beside DIR and renamed into place, so a failure leaves DIR as it was.
            """)

    @Argument(help: "The audio or video file to process.")
    var input: String

    @Option(name: .long, help: "The folder to write the outputs to (replaced if it exists).")
    var out: String

    @Flag(name: .long, help: "Print a JSON summary on stdout instead of text.")
    var json = false

    @OptionGroup var media: MediaOptions

    func run() throws {
        MediaLog.configure(level: ProcessInfo.processInfo.environment["SAMPLETOK_AV_LOG"])
        let summary = try CommandError.run { () throws(MediaError) in
            try MediaProcessor.process(input: input, output: out, options: media.processOptions)
        }
        for warning in summary.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if json {
            print(try JSONOutput.string(summary))
        } else {
            print(SummaryText.render(summary, folder: out))
        }
    }
}
