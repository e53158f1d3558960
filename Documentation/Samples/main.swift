// Runs every Swift sample of README.md and the DocC articles (the functions in this folder),
// in a scratch directory holding the data files the samples read.
//
// Usage: DocumentationSamples FIXTURE_DATA_DIR [WORK_DIR]
// DocumentationTests checks that every ```swift block of the documents appears in this
// folder's sources, and runs this program; a sample that stops compiling fails the build,
// one that throws fails the test.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let fixtures = arguments.first else {
  FileHandle.standardError.write(Data("usage: DocumentationSamples FIXTURE_DATA_DIR [WORK_DIR]\n".utf8))
  exit(2)
}
let work = arguments.dropFirst().first ?? NSTemporaryDirectory() + "causalkit-doc-samples-\(getpid())"
do {
  try SampleData.prepare(directory: work, fixtures: fixtures)
} catch {
  FileHandle.standardError.write(Data("could not prepare the sample data: \(error)\n".utf8))
  exit(2)
}
guard FileManager.default.changeCurrentDirectoryPath(work) else { exit(2) }

var failures = 0
for sample in DocumentationSample.all {
  do {
    try sample.run()
    print("ok \(sample.name)")
  } catch {
    print("FAILED \(sample.name): \(error)")
    failures += 1
  }
}
print("\(DocumentationSample.all.count - failures) passed, \(failures) failed")
exit(failures == 0 ? 0 : 1)
