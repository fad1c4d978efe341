package org.lockdemo.db;

/**
 * One server of a run across several nodes: where it is, what it runs, and its cluster state
 * when the run began. Immutable.
 *
 * @param url     the node's URL, redacted
 * @param version the server's version
 * @param galera  its Galera state, or null when it is not a cluster node
 */
public record NodeInfo(String url, String product, String version, GaleraStatus galera) {

    /** The node's name for output: its wsrep_node_name, else its URL. */
    public String name() {
        return galera != null && galera.nodeName() != null && !galera.nodeName().isEmpty() ? galera.nodeName() : url;
    }
}
