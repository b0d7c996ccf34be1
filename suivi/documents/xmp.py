"""XMP metadata of a Factur-X PDF/A-3B file.

PDF/A requires every XMP property outside the standard schemas to be declared in a
``pdfaExtension`` schema description; the Factur-X properties (``fx:DocumentType``,
``fx:DocumentFileName``, ``fx:Version``, ``fx:ConformanceLevel``) are declared here together with
the PDF/A identification (part 3, conformance B). The Dublin Core, XMP and PDF properties
repeat the document information dictionary so that both agree, as PDF/A requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

FACTURX_NS = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"


@dataclass(frozen=True, slots=True)
class XmpInfo:
    """The values written both in the XMP packet and in the PDF information dictionary."""

    title: str
    author: str
    subject: str
    creator_tool: str
    producer: str
    created: datetime
    conformance_level: str = "EN 16931"
    document_type: str = "INVOICE"
    file_name: str = "factur-x.xml"
    version: str = "1.0"
    lang: str = "fr"


_PROPERTIES = (
    ("DocumentFileName", "Name of the embedded XML invoice file"),
    ("DocumentType", "INVOICE"),
    ("Version", "Version of the Factur-X XML schema"),
    ("ConformanceLevel", "Conformance level of the embedded Factur-X data"),
)


def _property(name: str, description: str) -> str:
    return (
        '            <rdf:li rdf:parseType="Resource">\n'
        f"              <pdfaProperty:name>{name}</pdfaProperty:name>\n"
        "              <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
        "              <pdfaProperty:category>external</pdfaProperty:category>\n"
        f"              <pdfaProperty:description>{description}</pdfaProperty:description>\n"
        "            </rdf:li>\n"
    )


def build_xmp(info: XmpInfo) -> str:
    """The ``<x:xmpmeta>`` element (fpdf2 wraps it in the ``<?xpacket?>`` markers)."""
    created = info.created.isoformat(timespec="seconds")
    lang = escape(info.lang)
    properties = "".join(_property(name, text) for name, text in _PROPERTIES)
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '    <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        "      <pdfaid:part>3</pdfaid:part>\n"
        "      <pdfaid:conformance>B</pdfaid:conformance>\n"
        "    </rdf:Description>\n"
        '    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "      <dc:format>application/pdf</dc:format>\n"
        f'      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}'
        "</rdf:li></rdf:Alt></dc:title>\n"
        f"      <dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq>"
        "</dc:creator>\n"
        f'      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}'
        "</rdf:li></rdf:Alt></dc:description>\n"
        f"      <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n"
        "    </rdf:Description>\n"
        '    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f"      <pdf:Producer>{escape(info.producer)}</pdf:Producer>\n"
        "    </rdf:Description>\n"
        '    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        f"      <xmp:CreatorTool>{escape(info.creator_tool)}</xmp:CreatorTool>\n"
        f"      <xmp:CreateDate>{created}</xmp:CreateDate>\n"
        f"      <xmp:ModifyDate>{created}</xmp:ModifyDate>\n"
        f"      <xmp:MetadataDate>{created}</xmp:MetadataDate>\n"
        "    </rdf:Description>\n"
        f'    <rdf:Description rdf:about="" xmlns:fx="{FACTURX_NS}">\n'
        f"      <fx:DocumentType>{escape(info.document_type)}</fx:DocumentType>\n"
        f"      <fx:DocumentFileName>{escape(info.file_name)}</fx:DocumentFileName>\n"
        f"      <fx:Version>{escape(info.version)}</fx:Version>\n"
        f"      <fx:ConformanceLevel>{escape(info.conformance_level)}</fx:ConformanceLevel>\n"
        "    </rdf:Description>\n"
        '    <rdf:Description rdf:about=""\n'
        '        xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"\n'
        '        xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"\n'
        '        xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\n'
        "      <pdfaExtension:schemas>\n"
        "        <rdf:Bag>\n"
        '          <rdf:li rdf:parseType="Resource">\n'
        "            <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\n"
        f"            <pdfaSchema:namespaceURI>{FACTURX_NS}</pdfaSchema:namespaceURI>\n"
        "            <pdfaSchema:prefix>fx</pdfaSchema:prefix>\n"
        "            <pdfaSchema:property>\n"
        "              <rdf:Seq>\n"
        f"{properties}"
        "              </rdf:Seq>\n"
        "            </pdfaSchema:property>\n"
        "          </rdf:li>\n"
        "        </rdf:Bag>\n"
        "      </pdfaExtension:schemas>\n"
        "    </rdf:Description>\n"
        "  </rdf:RDF>\n"
        "</x:xmpmeta>"
    )
