//! The order of WordprocessingML elements. ECMA-376 Part 1 (wml.xsd) fixes the order of the
//! children of every property container (`w:rPr`, `w:pPr`, `w:tblPr`, `w:tcPr`, `w:sectPr` …);
//! docx-rs writes some of them out of sequence (`<w:sz/>` before `<w:b/>`, `<w:rPr/>` before
//! `<w:pStyle/>`). LibreOffice reads them anyway; Word drops properties it finds out of
//! sequence and Word for the web calls the file corrupt. `reorder` puts every container's
//! children in the schema's order, keeping the relative order of what the schema does not
//! name, and touches nothing else (text, attributes, other elements stay byte for byte).

/// How the children of one element are ordered.
enum Rule {
    /// The schema's sequence: named children in this order (alternatives joined by '|'), the
    /// others after them.
    Sequence(&'static [&'static str]),
    /// These first, in this order; the others after them as they were.
    Head(&'static [&'static str]),
    /// These last; the others before them as they were.
    Tail(&'static [&'static str]),
}

const RPR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];

const TRPR: &[&str] = &[
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
];

const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
];

const SECTPR: &[&str] = &[
    "w:headerReference|w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

const TBLBORDERS: &[&str] = &[
    "w:top",
    "w:left|w:start",
    "w:bottom",
    "w:right|w:end",
    "w:insideH",
    "w:insideV",
];

const TCBORDERS: &[&str] = &[
    "w:top",
    "w:left|w:start",
    "w:bottom",
    "w:right|w:end",
    "w:insideH",
    "w:insideV",
    "w:tl2br",
    "w:tr2bl",
];

const PBDR: &[&str] = &[
    "w:top",
    "w:left",
    "w:bottom",
    "w:right",
    "w:between",
    "w:bar",
];

const CELLMAR: &[&str] = &["w:top", "w:left|w:start", "w:bottom", "w:right|w:end"];

const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];

fn rule(name: &str) -> Option<Rule> {
    Some(match name {
        "w:rPr" => Rule::Sequence(RPR),
        "w:pPr" => Rule::Sequence(PPR),
        "w:tblPr" => Rule::Sequence(TBLPR),
        "w:trPr" => Rule::Sequence(TRPR),
        "w:tcPr" => Rule::Sequence(TCPR),
        "w:sectPr" => Rule::Sequence(SECTPR),
        "w:tblBorders" => Rule::Sequence(TBLBORDERS),
        "w:tcBorders" => Rule::Sequence(TCBORDERS),
        "w:pBdr" => Rule::Sequence(PBDR),
        "w:tblCellMar" | "w:tcMar" => Rule::Sequence(CELLMAR),
        "w:style" => Rule::Sequence(STYLE),
        "w:docDefaults" => Rule::Sequence(&["w:rPrDefault", "w:pPrDefault"]),
        "w:styles" => Rule::Sequence(&["w:docDefaults", "w:latentStyles", "w:style"]),
        "w:p" => Rule::Head(&["w:pPr"]),
        "w:r" => Rule::Head(&["w:rPr"]),
        "w:tc" => Rule::Head(&["w:tcPr"]),
        "w:tr" => Rule::Head(&["w:tblPrEx", "w:trPr"]),
        "w:tbl" => Rule::Head(&["w:tblPr", "w:tblGrid"]),
        "w:body" => Rule::Tail(&["w:sectPr"]),
        _ => return None,
    })
}

enum Node<'a> {
    Element(Element<'a>),
    /// Text, a comment, a declaration: written back as it was.
    Other(&'a str),
}

struct Element<'a> {
    name: &'a str,
    /// The start tag as written, `<w:b w:val="1"/>` for an empty element.
    start: &'a str,
    children: Vec<Node<'a>>,
    /// The end tag, none for an empty element.
    end: &'a str,
}

/// The element's name from its start tag.
fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches('<');
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(inner.len());
    &inner[..end]
}

/// The end of the markup that starts at `i` (the index after its last byte), quotes respected.
fn markup_end(xml: &str, i: usize) -> Option<usize> {
    let rest = &xml[i..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map(|k| i + k + 3);
    }
    if rest.starts_with("<![CDATA[") {
        return rest.find("]]>").map(|k| i + k + 3);
    }
    let mut quote = None;
    for (k, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + k + 1),
            _ => {}
        }
    }
    None
}

/// Parses `xml` into nodes; `None` when it is not well formed (then nothing is reordered).
fn parse(xml: &str) -> Option<Vec<Node<'_>>> {
    let mut stack: Vec<Element> = vec![Element {
        name: "",
        start: "",
        children: Vec::new(),
        end: "",
    }];
    let mut i = 0;
    while i < xml.len() {
        let next = xml[i..].find('<').map_or(xml.len(), |k| i + k);
        if next > i {
            stack.last_mut()?.children.push(Node::Other(&xml[i..next]));
            i = next;
            continue;
        }
        let end = markup_end(xml, i)?;
        let tag = &xml[i..end];
        if tag.starts_with("<?") || tag.starts_with("<!") {
            stack.last_mut()?.children.push(Node::Other(tag));
        } else if let Some(closing) = tag.strip_prefix("</") {
            let mut done = stack.pop()?;
            if stack.is_empty() || done.name != tag_name(closing) {
                return None;
            }
            done.end = tag;
            stack.last_mut()?.children.push(Node::Element(done));
        } else {
            let el = Element {
                name: tag_name(tag),
                start: tag,
                children: Vec::new(),
                end: "",
            };
            if tag.ends_with("/>") {
                stack.last_mut()?.children.push(Node::Element(el));
            } else {
                stack.push(el);
            }
        }
        i = end;
    }
    (stack.len() == 1).then(|| stack.pop().map(|root| root.children))?
}

fn rank(seq: &[&str], name: &str) -> Option<usize> {
    seq.iter().position(|s| s.split('|').any(|alt| alt == name))
}

fn order(el: &mut Element) {
    for c in &mut el.children {
        if let Node::Element(e) = c {
            order(e);
        }
    }
    let Some(r) = rule(el.name) else {
        return;
    };
    // Only element children are moved; a container with text in it is left as it is.
    if el
        .children
        .iter()
        .any(|c| matches!(c, Node::Other(t) if !t.trim().is_empty()))
    {
        return;
    }
    let key = |n: &Node| -> usize {
        let Node::Element(e) = n else {
            return usize::MAX;
        };
        match &r {
            Rule::Sequence(seq) => rank(seq, e.name).unwrap_or(seq.len()),
            Rule::Head(head) => rank(head, e.name).unwrap_or(head.len()),
            Rule::Tail(tail) => rank(tail, e.name).map_or(0, |k| k + 1),
        }
    };
    // Stable: what has the same rank keeps its order.
    el.children.sort_by_key(|n| key(n));
}

fn write(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Other(t) => out.push_str(t),
            Node::Element(e) => {
                out.push_str(e.start);
                write(&e.children, out);
                out.push_str(e.end);
            }
        }
    }
}

/// `xml` with every container's children in the schema's order; unchanged when it cannot be
/// read as XML.
pub fn reorder(xml: &str) -> String {
    let Some(mut nodes) = parse(xml) else {
        return xml.to_string();
    };
    for n in &mut nodes {
        if let Node::Element(e) = n {
            order(e);
        }
    }
    let mut out = String::with_capacity(xml.len());
    write(&nodes, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_and_paragraph_properties_go_in_schema_order() {
        let xml = r#"<?xml version="1.0"?><w:p><w:pPr><w:rPr><w:b /></w:rPr><w:pStyle w:val="H" /><w:jc w:val="both" /><w:keepNext /></w:pPr><w:r><w:rPr><w:sz w:val="26" /><w:szCs w:val="26" /><w:b /><w:i /></w:rPr><w:t xml:space="preserve">a &lt;b&gt; c</w:t></w:r></w:p>"#;
        assert_eq!(
            reorder(xml),
            r#"<?xml version="1.0"?><w:p><w:pPr><w:pStyle w:val="H" /><w:keepNext /><w:jc w:val="both" /><w:rPr><w:b /></w:rPr></w:pPr><w:r><w:rPr><w:b /><w:i /><w:sz w:val="26" /><w:szCs w:val="26" /></w:rPr><w:t xml:space="preserve">a &lt;b&gt; c</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn unknown_children_and_broken_xml_are_left_alone() {
        let xml = "<w:rPr><w:x /><w:b /><w:y /></w:rPr>";
        assert_eq!(reorder(xml), "<w:rPr><w:b /><w:x /><w:y /></w:rPr>");
        let broken = "<w:rPr><w:sz /><w:b /></w:pPr>";
        assert_eq!(reorder(broken), broken);
    }
}
