#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Whole-file reads and chunked writes through POSIX calls, for ``CSVReader``, ``CSVWriter``
/// and ``StataReader``.
enum CSVFileIO {
  /// Whether the file at `path` starts with `prefix`; `false` when it cannot be opened or is
  /// shorter.
  ///
  /// - Complexity: O(prefix length): only that many bytes are read.
  static func starts(path: String, with prefix: [UInt8]) -> Bool {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { _ = close(fd) }
    var head = [UInt8](repeating: 0, count: prefix.count)
    var filled = 0
    while filled < head.count {
      let n = head.withUnsafeMutableBytes { raw in posixRead(fd, raw.baseAddress.map { $0 + filled }, raw.count - filled) }
      if n > 0 {
        filled += n
      } else if n == 0 || errno != EINTR {
        return false
      }
    }
    return head == prefix
  }

  /// Reads a whole file into one byte array.
  ///
  /// A regular file is read into one allocation sized from `fstat`, without zero-filling it
  /// first, in up to eight pieces read concurrently with `pread` (the kernel's copy out of the
  /// page cache is then spread over the cores). Pipes and special files, and a file that
  /// changes size while it is read, are read sequentially to the end.
  ///
  /// - Throws: ``CSVError/fileUnreadable(path:reason:)``.
  /// - Complexity: O(file size).
  static func readAll(path: String) throws(CSVError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .fileUnreadable(path: path, reason: lastErrorMessage()) }
    defer { _ = close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
      let bytes = readConcurrently(fd, size: Int(info.st_size))
    {
      return bytes
    }
    return try readSequentially(fd, path: path, capacity: 1 << 16)
  }

  /// The first `size` bytes of a regular file read in concurrent pieces, or `nil` when a piece
  /// fails or comes up short (the caller then reads the file sequentially), or when the file
  /// holds more than `size` bytes.
  private static func readConcurrently(_ fd: Int32, size: Int) -> [UInt8]? {
    var complete = true
    let bytes = [UInt8](zeroSafeUninitializedCapacity: size) { buffer, count in
      guard let base = buffer.baseAddress else { return }
      complete = fill(fd, into: base, range: 0..<size) && isAtEnd(fd, size: size)
      count = complete ? size : 0
    }
    return complete ? bytes : nil
  }

  /// Reads bytes `range` of a file into `target + range.lowerBound`, in up to eight pieces
  /// read concurrently with `pread`; `false` when a piece fails or the file is shorter.
  ///
  /// - Complexity: O(range.count), spread over the cores.
  static func fill(_ fd: Int32, into target: UnsafeMutablePointer<UInt8>, range: Range<Int>) -> Bool {
    let size = range.count
    guard size > 0 else { return true }
    let pieces = max(1, min(8, size / (4 << 20)))
    let shared = SharedPointer(target)
    let done = UnsafeMutablePointer<Bool>.allocate(capacity: pieces)
    done.initialize(repeating: false, count: pieces)
    defer { done.deallocate() }
    let results = SharedPointer(done)
    ParallelChunks.run(pieces) { k in
      let start = range.lowerBound + size * k / pieces, stop = range.lowerBound + size * (k + 1) / pieces
      var offset = start
      while offset < stop {
        let n = pread(fd, shared.base + offset, stop - offset, off_t(offset))
        if n > 0 {
          offset += n
        } else if n < 0, errno == EINTR {
          continue
        } else {
          break
        }
      }
      results[k] = offset == stop
    }
    return (0..<pieces).allSatisfy { done[$0] }
  }

  /// Whether the file ends at `size` bytes (reading one byte there gives nothing).
  static func isAtEnd(_ fd: Int32, size: Int) -> Bool {
    var probe: UInt8 = 0
    return pread(fd, &probe, 1, off_t(size)) == 0
  }

  /// Reads from the current offset to the end, growing the array as needed.
  private static func readSequentially(_ fd: Int32, path: String, capacity: Int) throws(CSVError) -> [UInt8] {
    guard lseek(fd, 0, SEEK_SET) == 0 || errno == ESPIPE else {
      throw .fileUnreadable(path: path, reason: lastErrorMessage())
    }
    var bytes = [UInt8](repeating: 0, count: capacity)
    var filled = 0
    while true {
      if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
      let n = bytes.withUnsafeMutableBytes { raw in
        posixRead(fd, raw.baseAddress.map { $0 + filled }, raw.count - filled)
      }
      if n > 0 {
        filled += n
      } else if n == 0 {
        break
      } else if errno != EINTR {
        throw .fileUnreadable(path: path, reason: lastErrorMessage())
      }
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// The file system path of a file URL.
  static func path(of url: URL) -> String {
    url.withUnsafeFileSystemRepresentation { $0.map { String(cString: $0) } } ?? ""
  }

  /// A file open for writing, truncated on open.
  struct OutputFile {
    private let fd: Int32
    private let path: String

    /// Creates or truncates the file.
    ///
    /// - Throws: ``CSVError/fileUnwritable(path:reason:)``.
    init(path: String) throws(CSVError) {
      let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      guard fd >= 0 else { throw .fileUnwritable(path: path, reason: CSVFileIO.lastErrorMessage()) }
      self.fd = fd
      self.path = path
    }

    /// Writes all the bytes.
    ///
    /// - Throws: ``CSVError/fileUnwritable(path:reason:)``.
    func write(_ bytes: [UInt8]) throws(CSVError) {
      var done = 0
      while done < bytes.count {
        let n = bytes.withUnsafeBytes { raw in
          posixWrite(fd, raw.baseAddress.map { $0 + done }, raw.count - done)
        }
        if n > 0 {
          done += n
        } else if n < 0, errno == EINTR {
          continue
        } else {
          throw .fileUnwritable(path: path, reason: CSVFileIO.lastErrorMessage())
        }
      }
    }

    /// Closes the file.
    ///
    /// - Throws: ``CSVError/fileUnwritable(path:reason:)`` if the final flush fails.
    func close() throws(CSVError) {
      #if canImport(Darwin)
      let status = Darwin.close(fd)
      #elseif canImport(Musl)
      let status = Musl.close(fd)
      #else
      let status = Glibc.close(fd)
      #endif
      guard status == 0 else { throw .fileUnwritable(path: path, reason: CSVFileIO.lastErrorMessage()) }
    }
  }

  /// The operating system's message for `errno`.
  static func lastErrorMessage() -> String {
    String(cString: strerror(errno))
  }
}

/// `read(2)`, named so that it is not confused with ``CSVReader`` methods.
@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}

/// `write(2)`, named so that it is not confused with ``CSVWriter`` methods.
@inline(__always)
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
