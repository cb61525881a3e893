import CFFmpeg
import Foundation

/// Encodes an RGB image to PNG with libavcodec's PNG encoder.
public enum PNGEncoder {
    /// Encodes `rgb` (`width * height * 3` bytes, rows top to bottom) to PNG bytes.
    public static func encode(rgb: [UInt8], width: Int, height: Int) throws(MediaError) -> Data {
        precondition(rgb.count == width * height * 3, "RGB buffer size does not match the image size")
        guard let encoder = avcodec_find_encoder(AV_CODEC_ID_PNG) else {
            throw .internal("PNG encoder", "not built into this libavcodec")
        }
        var context = avcodec_alloc_context3(encoder)
        guard let ctx = context else { throw .internal("avcodec_alloc_context3", "out of memory") }
        defer { avcodec_free_context(&context) }
        ctx.pointee.width = Int32(width)
        ctx.pointee.height = Int32(height)
        ctx.pointee.pix_fmt = AV_PIX_FMT_RGB24
        ctx.pointee.time_base = AVRational(num: 1, den: 1)
        try avCheck(avcodec_open2(ctx, encoder, nil), "opening the PNG encoder")

        var frame = av_frame_alloc()
        var packet = av_packet_alloc()
        defer { av_frame_free(&frame); av_packet_free(&packet) }
        guard let frame, let packet else { throw .internal("av_frame_alloc", "out of memory") }
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        frame.pointee.format = AV_PIX_FMT_RGB24.rawValue
        try avCheck(av_frame_get_buffer(frame, 0), "av_frame_get_buffer")
        guard let plane = shim_frame_planes(frame)?[0] else { throw .internal("frame", "no plane") }
        let lineSize = Int(frame.pointee.linesize.0)
        rgb.withUnsafeBufferPointer { src in
            guard let base = src.baseAddress else { return }
            for row in 0..<height {
                (plane + row * lineSize).update(from: base + row * width * 3, count: width * 3)
            }
        }
        try avCheck(avcodec_send_frame(ctx, frame), "encoding PNG")
        try avCheck(avcodec_send_frame(ctx, nil), "flushing PNG")
        var data = Data()
        while true {
            let received = avcodec_receive_packet(ctx, packet)
            if received == shim_AVERROR_EOF() || received == shim_AVERROR_EAGAIN() { break }
            try avCheck(received, "encoding PNG")
            data.append(packet.pointee.data, count: Int(packet.pointee.size))
            av_packet_unref(packet)
        }
        return data
    }
}
