import CausalCore
import Foundation
import TestSupport
import Testing

/// The bytes of a fixture `.dta` file.
func stataFixture(_ name: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: FixtureFiles.data("stata/" + name))))
}

/// The offset just after the first occurrence of an ASCII tag.
func offset(after tag: String, in bytes: [UInt8]) -> Int? {
  let needle = Array(tag.utf8)
  guard bytes.count >= needle.count else { return nil }
  for start in 0...(bytes.count - needle.count) where Array(bytes[start..<(start + needle.count)]) == needle {
    return start + needle.count
  }
  return nil
}

/// The error reading the bytes throws, or `nil`.
func stataError(_ bytes: [UInt8]) -> StataError? {
  do {
    _ = try StataReader().read(bytes: bytes)
    return nil
  } catch {
    return error
  }
}

@Suite("StataReader: damaged, truncated and unsupported files get typed errors")
struct StataReaderErrorTests {
  @Test("every truncation of files with strL and value labels throws, none crashes", arguments: [
    "pandas_118.dta", "pandas_117_msf.dta", "pyreadstat_119.dta",
  ])
  func everyTruncation(file: String) throws {
    let bytes = try stataFixture(file)
    var kinds: [String: Int] = [:]
    for length in 0..<bytes.count {
      guard let error = stataError(Array(bytes[0..<length])) else {
        Issue.record("\(file) cut to \(length) bytes was read without error")
        continue
      }
      switch error {
      case .truncated(let offset, _):
        #expect(offset <= length)
        kinds["truncated", default: 0] += 1
      case .sizeExceedsFile: kinds["sizeExceedsFile", default: 0] += 1
      case .malformed: kinds["malformed", default: 0] += 1
      case .notStata: kinds["notStata", default: 0] += 1
      default: Issue.record("\(file) cut to \(length): unexpected \(error)")
      }
    }
    #expect(kinds["truncated", default: 0] > 500)
    #expect(kinds["sizeExceedsFile", default: 0] > 0)
  }

  @Test("a file cut after <header> names the offset and the tag expected there")
  func truncatedHeader() throws {
    let bytes = try stataFixture("pandas_118.dta")
    let cut = try #require(offset(after: "<header>", in: bytes))
    let error = stataError(Array(bytes[0..<cut]))
    #expect(error == .truncated(offset: 19, expected: "'<release>'"))
    #expect(error?.description.contains("ends at byte 19") == true)
  }

  @Test("an observation count N of 2^62 is refused before allocating")
  func hugeObservationCount() throws {
    var bytes = try stataFixture("pandas_118.dta")
    let at = try #require(offset(after: "<N>", in: bytes))
    bytes.replaceSubrange(at..<(at + 8), with: StataTestFile.le(UInt64(1) << 62))
    guard case .sizeExceedsFile(let offset, let field, let claimed, _)? = stataError(bytes) else {
      Issue.record("expected sizeExceedsFile")
      return
    }
    #expect(offset == at)
    #expect(field == "the observation count N")
    #expect(claimed == UInt64(1) << 62)
  }

  @Test("a variable count K of 65535 is refused before allocating")
  func hugeVariableCount() throws {
    var bytes = try stataFixture("pandas_118.dta")
    let at = try #require(offset(after: "<K>", in: bytes))
    bytes.replaceSubrange(at..<(at + 2), with: [0xff, 0xff])
    guard case .sizeExceedsFile(let offset, let field, let claimed, _)? = stataError(bytes) else {
      Issue.record("expected sizeExceedsFile")
      return
    }
    #expect(offset == at && field == "the variable count K" && claimed == 65535)
  }

  @Test("a 119 file whose K claims 4 billion variables is refused before allocating")
  func hugeVariableCount119() throws {
    var bytes = try stataFixture("pandas_119.dta")
    let at = try #require(offset(after: "<K>", in: bytes))
    bytes.replaceSubrange(at..<(at + 4), with: [0xff, 0xff, 0xff, 0xff])
    guard case .sizeExceedsFile(_, _, let claimed, _)? = stataError(bytes) else {
      Issue.record("expected sizeExceedsFile")
      return
    }
    #expect(claimed == 4_294_967_295)
  }

  @Test("old binary formats name the version found and how to save the file again", arguments: [
    (UInt8(114), "Stata 10 or 11"), (UInt8(115), "Stata 12"), (UInt8(113), "Stata 7 to 9"), (UInt8(105), "Stata 5 or 6"),
  ])
  func oldFormat(release: UInt8, writer: String) {
    let error = stataError([release, 2, 1, 0] + [UInt8](repeating: 0, count: 100))
    #expect(error == .unsupportedRelease(release: Int(release)))
    let message = error?.description ?? ""
    #expect(message.contains("format \(release) (\(writer))"))
    #expect(message.contains("version(118)") && message.contains("saveold"))
  }

  @Test("format 120 (alias variables) is refused with the version(118) advice")
  func release120() {
    let error = stataError(Array("<stata_dta><header><release>120</release>".utf8))
    #expect(error == .unsupportedRelease(release: 120))
    #expect(error?.description.contains("save \"file.dta\", version(118)") == true)
  }

  @Test("CSV text is not Stata")
  func csvText() {
    let error = stataError(Array("a,b\n1,2\n".utf8))
    #expect(error == .notStata(found: "bytes 61 2c 62 0a 31 2c 32 0a"))
  }

  @Test("an unknown storage-type code names the variable and the code")
  func storageType() throws {
    var bytes = try stataFixture("pandas_118.dta")
    let at = try #require(offset(after: "<variable_types>", in: bytes))
    bytes.replaceSubrange(at..<(at + 2), with: [0, 0])
    #expect(stataError(bytes) == .invalidStorageType(offset: at, position: 1, code: 0))
  }

  @Test("a strL reference to a string the file does not hold")
  func missingStrL() throws {
    let file = try StataReader().readDataset(bytes: try stataFixture("pandas_118.dta"))
    var bytes = try stataFixture("pandas_118.dta")
    let data = try #require(offset(after: "<data>", in: bytes))
    let widths = file.variables.map(\.storageType.width)
    let noteOffset = data + widths.dropLast().reduce(0, +)  // `note` is the last variable, row 1
    bytes.replaceSubrange(noteOffset..<(noteOffset + 8), with: [99, 0, 77, 0, 0, 0, 0, 0])
    #expect(stataError(bytes) == .missingStrL(offset: noteOffset, variable: "note", row: 1, v: 99, o: 77))
  }

  @Test("invalid UTF-8 in a 118 string names the row")
  func invalidUTF8() throws {
    var bytes = try stataFixture("pandas_118.dta")
    let data = try #require(offset(after: "<data>", in: bytes))
    let file = try StataReader().readDataset(bytes: bytes)
    let city = data + file.variables.prefix(6).map(\.storageType.width).reduce(0, +)
    bytes[city] = 0xff
    #expect(stataError(bytes) == .invalidText(offset: city, field: "the value of variable 'city' in row 1"))
  }

  @Test("a value-label table whose count does not fit its length")
  func valueLabelTable() throws {
    var bytes = try stataFixture("pyreadstat_118.dta")
    let table = try #require(offset(after: "<lbl>", in: bytes)) + 4 + 129 + 3
    bytes.replaceSubrange(table..<(table + 4), with: [0xff, 0xff, 0, 0])
    guard case .invalidValueLabels(let offset, _, let reason)? = stataError(bytes) else {
      Issue.record("expected invalidValueLabels")
      return
    }
    #expect(offset == table && reason.contains("65535 entries"))
  }

  @Test("two variables with one name")
  func duplicateName() throws {
    var bytes = try stataFixture("pandas_118.dta")
    let names = try #require(offset(after: "<varnames>", in: bytes))
    bytes.replaceSubrange((names + 129)..<(names + 129 + 3), with: Array("id\0".utf8))
    #expect(stataError(bytes) == .invalidVariableName(position: 2, name: "id"))
  }

  @Test("a stored string whose length runs past the end of the file")
  func storedStringLength() throws {
    var bytes = try stataFixture("pandas_118.dta")
    let gso = try #require(offset(after: "<strls>GSO", in: bytes))
    let length = gso + 4 + 8 + 1
    bytes.replaceSubrange(length..<(length + 4), with: [0xff, 0xff, 0xff, 0x7f])
    guard case .sizeExceedsFile(let offset, _, let claimed, _)? = stataError(bytes) else {
      Issue.record("expected sizeExceedsFile")
      return
    }
    #expect(offset == length && claimed == 0x7fff_ffff)
  }

  @Test("a file that does not exist")
  func noFile() {
    #expect(throws: StataError.self) { try StataReader().read(path: "/nonexistent/survey.dta") }
    do {
      _ = try StataReader().read(path: "/nonexistent/survey.dta")
    } catch {
      guard case .fileUnreadable(let path, _) = error else {
        Issue.record("expected fileUnreadable, got \(error)")
        return
      }
      #expect(path == "/nonexistent/survey.dta")
    }
  }
}
