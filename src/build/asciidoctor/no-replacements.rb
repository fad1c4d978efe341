# Asciidoctor extension for lockdemo's man pages (pom.xml, asciidoctor-maven-plugin): turns off the
# "replacements" substitution in every block, so the text picocli's ManPageGenerator copied from the
# help reaches the page as --help prints it. Without it Asciidoctor makes typography of notation:
# "OP is == != < <= > >=" (race --expect) would read "<" "⇐", "a=>b" "a⇒b", "x--y" "x—y", "it's"
# "it’s". https://docs.asciidoctor.org/asciidoc/latest/subs/replacements/
require 'asciidoctor/extensions'

Asciidoctor::Extensions.register do
  treeprocessor do
    process do |document|
      document.find_by {|node| node.respond_to? :remove_sub }.each {|node| node.remove_sub :replacements }
      nil
    end
  end
end
