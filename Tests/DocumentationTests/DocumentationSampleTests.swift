import Foundation
import TestSupport
import Testing

/// The repository root (`Tests/DocumentationTests/` is two levels below it).
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// A fenced Swift block of a document.
struct DocumentBlock: CustomStringConvertible {
  let file: String
  let line: Int
  let lines: [String]
  var description: String { "\(file):\(line)" }
}

/// The documents whose Swift samples must compile and run.
private func documents() throws -> [URL] {
  let docc = repository.appendingPathComponent("Documentation/CausalKit.docc")
  let articles = try FileManager.default.contentsOfDirectory(atPath: docc.path).filter { $0.hasSuffix(".md") }.sorted()
  return [repository.appendingPathComponent("README.md")] + articles.map { docc.appendingPathComponent($0) }
}

/// Every ```swift block of a Markdown text.
func swiftBlocks(in text: String, file: String) -> [DocumentBlock] {
  var blocks: [DocumentBlock] = []
  var current: [String]? = nil
  var start = 0
  for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    let line = String(raw)
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if current == nil, trimmed == "```swift" {
      current = []
      start = i + 2
    } else if current != nil, trimmed.hasPrefix("```") {
      blocks.append(DocumentBlock(file: file, line: start, lines: current ?? []))
      current = nil
    } else if current != nil {
      current?.append(line)
    }
  }
  return blocks
}

/// Lines compared: trimmed, without blank lines and imports (a sample's imports sit at the top
/// of its source file).
func comparable(_ lines: [String]) -> [String] {
  lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
    !$0.isEmpty && !$0.hasPrefix("import ") && !$0.hasPrefix("@testable import ")
  }
}

/// Whether `needle` occurs as a contiguous run of `haystack`.
func containsRun(_ haystack: [String], _ needle: [String]) -> Bool {
  guard !needle.isEmpty else { return true }
  guard needle.count <= haystack.count else { return false }
  for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
    if Array(haystack[start..<(start + needle.count)]) == needle { return true }
  }
  return false
}

@Suite("Documentation samples")
struct DocumentationSampleTests {
  @Test("Every Swift block of README.md and the DocC articles is in Documentation/Samples, which the build compiles")
  func blocksAreCompiledSamples() throws {
    let samplesDirectory = repository.appendingPathComponent("Documentation/Samples")
    let sources = try FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path).filter { $0.hasSuffix(".swift") }
    #expect(!sources.isEmpty)
    let corpus = try sources.sorted().map { name in
      comparable(try String(contentsOf: samplesDirectory.appendingPathComponent(name), encoding: .utf8)
        .components(separatedBy: "\n"))
    }
    var checked = 0
    for document in try documents() {
      let text = try String(contentsOf: document, encoding: .utf8)
      for block in swiftBlocks(in: text, file: document.lastPathComponent) {
        let lines = comparable(block.lines)
        // A package manifest excerpt is checked against the downstream client's manifest.
        if block.lines.first?.trimmingCharacters(in: .whitespaces) == "// Package.swift" {
          let manifest = try String(
            contentsOf: repository.appendingPathComponent("Examples/DownstreamClient/Package.swift"), encoding: .utf8)
          #expect(manifest.contains(".product(name: \"CausalKit\", package: \"causalkit\")"), "\(block)")
          continue
        }
        #expect(corpus.contains { containsRun($0, lines) }, "\(block): this Swift block is not in Documentation/Samples; add it there verbatim (or fix the drift)")
        checked += 1
      }
    }
    #expect(checked >= 10)
  }

  @Test("The samples run without throwing")
  func samplesRun() throws {
    let binary = try #require(Self.samplesBinary(), "the DocumentationSamples executable was not found next to the test bundle")
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("causalkit-doc-samples-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    let process = Process()
    process.executableURL = binary
    process.arguments = [FixtureFiles.root.appendingPathComponent("data").path, work.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    let failures = text.split(separator: "\n").filter { $0.hasPrefix("FAILED") }
    #expect(process.terminationStatus == 0, "\(failures.joined(separator: "\n"))\n\(text.suffix(2000))")
    #expect(text.contains(" passed, 0 failed"))
  }

  /// The built `DocumentationSamples` executable: beside the test bundle in the build folder.
  static func samplesBinary() -> URL? {
    var candidates: [URL] = []
    let first = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = first.deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(directory.appendingPathComponent("DocumentationSamples"))
      directory = directory.deletingLastPathComponent()
    }
    for argument in CommandLine.arguments where argument.hasSuffix(".xctest") {
      candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("DocumentationSamples"))
    }
    candidates.append(repository.appendingPathComponent(".build/debug/DocumentationSamples"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }
}
