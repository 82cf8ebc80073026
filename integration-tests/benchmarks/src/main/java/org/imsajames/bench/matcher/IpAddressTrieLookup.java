package org.imsajames.bench.matcher;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressTrie;

/** The ipaddress library's binary tries, one per family; a lookup asks whether any stored block holds the client. */
final class IpAddressTrieLookup implements ListLookup {
    private final IPv4AddressTrie ipv4 = new IPv4AddressTrie();
    private final IPv6AddressTrie ipv6 = new IPv6AddressTrie();

    private IpAddressTrieLookup() {
    }

    static IpAddressTrieLookup of(List<String> lines) {
        IpAddressTrieLookup lookup = new IpAddressTrieLookup();
        for (String line : lines) {
            IPAddress block = new IPAddressString(line).getAddress();
            if (block == null) {
                throw new IllegalArgumentException("not an address or CIDR block: " + line);
            }
            block = block.toPrefixBlock();
            if (block.isIPv4()) {
                lookup.ipv4.add(block.toIPv4());
            } else {
                lookup.ipv6.add(block.toIPv6());
            }
        }
        return lookup;
    }

    @Override
    public boolean contains(InetAddress client) {
        if (client instanceof Inet4Address ipv4Client) {
            return ipv4.elementContains(new IPv4Address(ipv4Client));
        }
        return ipv6.elementContains(new IPv6Address((Inet6Address) client));
    }

    Object[] tries() {
        return new Object[] {ipv4, ipv6};
    }
}
