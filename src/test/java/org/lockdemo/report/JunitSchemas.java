package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Validates a JUnit report against the schemas CI servers read it by (copied unchanged into
 * {@code src/test/resources/org/lockdemo/report/junit/}, see the README there): Jenkins' xUnit
 * {@code junit-10.xsd} for the whole document, and Surefire's {@code surefire-test-report.xsd},
 * the strict one, for the document without {@code hostname}, the one attribute Surefire's schema
 * does not declare. Also parses reports for the tests. Stateless.
 */
public final class JunitSchemas {
    private JunitSchemas() {
    }

    /** Throws an {@link AssertionError} naming the schema, line and column of the first violation. */
    public static void assertValid(String xml) throws IOException {
        validate("jenkins-junit-10.xsd", new StreamSource(new StringReader(xml)), xml);
        Document doc = parse(xml);
        Element suite = doc.getDocumentElement();
        assertTrue(suite.hasAttribute("hostname"), "the suite names its host");
        suite.removeAttribute("hostname");
        validate("surefire-test-report.xsd", new DOMSource(doc), xml);
    }

    /** The report as a DOM, namespace aware, with no external entities or DTDs resolved. */
    public static Document parse(String xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static void validate(String xsd, javax.xml.transform.Source source, String xml) throws IOException {
        URL url = JunitSchemas.class.getResource("junit/" + xsd);
        assertNotNull(url, xsd + " on the test class path");
        try {
            Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(url);
            schema.newValidator().validate(source);
        } catch (SAXException e) {
            throw new AssertionError("not valid against " + xsd + ": " + e.getMessage() + "\n" + xml, e);
        }
    }
}
