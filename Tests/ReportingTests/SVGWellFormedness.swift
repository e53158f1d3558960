import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses SVG text with Foundation's XML parser and records element names and text content.
final class SVGWellFormedness: NSObject, XMLParserDelegate {
  private(set) var elements: [String] = []
  private(set) var texts: [String] = []
  private var current = ""

  /// Whether the text parses as XML; fills ``elements`` and ``texts``.
  func parse(_ svg: String) -> Bool {
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = self
    return parser.parse()
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    elements.append(elementName)
    current = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
    if elementName == "text" { texts.append(current) }
    current = ""
  }
}
