import ArgumentParser
@main struct SampleTok { static func main() {} }
