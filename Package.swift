// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SampleTok",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sampletok", targets: ["sampletok"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.50.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // C system libraries: a module map and a shim header each.
        .systemLibrary(name: "CFFmpeg", pkgConfig: "libavformat",
                       providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswresample-dev"])]),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CPulse", pkgConfig: "libpulse", providers: [.apt(["libpulse-dev"])]),
        .systemLibrary(name: "CRubberBand", pkgConfig: "rubberband", providers: [.apt(["librubberband-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // The types every side shares: error codes, key/Camelot math. Codable + Sendable, no I/O.
        .target(name: "Model"),
        // libav* wrappers: demux, decode, resample, encode, mux, PNG, FFT; Rubber Band (time and
        // pitch). No business logic.
        .target(name: "Media", dependencies: ["CFFmpeg", "CRubberBand", "Model"]),
        // The one outbound HTTP client (libcurl, async): requests, streaming, downloads, address policy.
        .target(name: "Net", dependencies: ["CCurl", "Model"]),
        // HLS and MP3 preview: playlist, segment fetching and cache, decoding, PulseAudio, the player.
        .target(name: "Playback", dependencies: ["Media", "Net", "Model", "CPulse"]),
        // The signal processing: the one pass over a media file (decode once; WAV, MP3, HLS, peaks),
        // tempo, key and loudness, and the local stem separation. Pure DSP over Media; no I/O
        // beyond the files it is given, no database, no network.
        .target(name: "Analysis", dependencies: ["Media", "Model"]),
        // The link resolvers: a pasted link (TikTok, Instagram, yt-dlp pages, direct URLs) to the
        // media behind it, over Net's one HTTP client. Knows links and their APIs, not the library.
        .target(name: "Resolvers", dependencies: ["Model", "Net"]),
        // What a server does: the library, its jobs, storage, stems, credits, the HTTP API.
        .target(name: "Engine", dependencies: [
            "Model", "Media", "Net", "Analysis", "Resolvers",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The HTTP API over a Library (Hummingbird): routes, auth, limits, SSE, the OpenAPI
        // document, the serve lifecycle. Uses only the engine's public API.
        .target(name: "Server", dependencies: [
            "Engine", "Model", "Media", "Net", "Resolvers",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The one interface the TUI and the CLI use: the `SampleTokClient` protocol, its wire types
        // and the remote client (the HTTP API over Net), and the exports made on the client (crates,
        // regions, with Media's decoder and encoders). No engine: the TUI links this, not Fluent
        // or Hummingbird.
        .target(name: "Client", dependencies: ["Media", "Model", "Net"]),
        // The embedded client: `SampleTokClient` over an in-process Engine (the local app), and
        // where the shipped assets are.
        .target(name: "EmbeddedClient", dependencies: ["Client", "Engine", "Model"]),
        // The ncurses application: state, views, key map, drawing. Knows Model, Client and Playback
        // (and Media's AudioBuffer, to warm the sound output up at start); it does not even link Engine.
        .target(name: "TUI", dependencies: ["Model", "Client", "Playback", "Media", "CNcursesw"]),
        // What the benchmarks measure on: synthetic libraries, page-query timings, statistics.
        // Kept out of the engine; the binary's `bench` commands and the search tests use it.
        .target(name: "Benchmarks", dependencies: [
            "Analysis", "Engine", "Media", "Model",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
        ]),
        // The binary: argument parsing and wiring (the `bench` commands in Bench/). Thin.
        .executableTarget(name: "sampletok", dependencies: [
            "Analysis", "Benchmarks", "Client", "EmbeddedClient", "Engine", "Media", "Model", "Playback", "Server", "TUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Helpers the tests share: temporary folders, ffmpeg/ffprobe, a WAV reader.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // A stand-in stem separator for the stem job tests of Engine and Client (debug builds only:
        // it implements Engine's internal separator protocol).
        // Synthetic audio (clicks, drum patterns, chords, noise) for the DSP tests.
        .target(name: "SignalTestSupport", dependencies: ["Analysis", "Media", "Model"], path: "Tests/SignalTestSupport"),
        .target(name: "StemTestSupport", dependencies: ["Engine", "Model"], path: "Tests/StemTestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "MediaTests", dependencies: ["Media", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Media", "Model", "TestSupport", "SignalTestSupport"]),
        .testTarget(name: "NetTests", dependencies: ["Net", "Model", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: [
            "Analysis", "Benchmarks", "Engine", "Media", "Model", "Net", "Resolvers", "Server", "TestSupport", "StemTestSupport", "SignalTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "PlaybackTests", dependencies: ["Playback", "Media", "Analysis", "Engine", "TestSupport"]),
        .testTarget(name: "ClientTests", dependencies: [
            "Client", "EmbeddedClient", "Engine", "Model", "Net", "Server", "TestSupport", "StemTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Client", "Model", "Playback", "TestSupport"]),
        // End-to-end tests of the built binary.
        .testTarget(name: "SampleTokTests", dependencies: ["Net", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
