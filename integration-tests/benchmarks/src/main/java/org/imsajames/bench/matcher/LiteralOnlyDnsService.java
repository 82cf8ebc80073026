package org.imsajames.bench.matcher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

import org.apache.james.dnsservice.api.DNSService;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * NetMatcher parses entries through a DNSService. This one turns IP literals into addresses (checked by the ipaddress
 * library first, so the JDK is never handed a name) and refuses everything else: benchmarks never touch DNS.
 */
final class LiteralOnlyDnsService implements DNSService {
    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        IPAddress address = new IPAddressString(host).getAddress();
        if (address == null || address.isMultiple()) {
            throw new UnknownHostException(host + ": benchmarks resolve no names");
        }
        return address.toInetAddress();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return List.of(getByName(host));
    }

    @Override
    public Collection<String> findMXRecords(String hostname) {
        throw new UnsupportedOperationException("benchmarks resolve no names");
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        throw new UnsupportedOperationException("benchmarks resolve no names");
    }

    @Override
    public InetAddress getLocalHost() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public String getHostName(InetAddress address) {
        return address.getHostAddress();
    }
}
