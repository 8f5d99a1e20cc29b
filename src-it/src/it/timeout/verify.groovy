import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log =~ /TIMEOUT\s+forever\.mit\s/
assert log.contains('did not finish within 1 s')
def r = result('forever.mit')
assert r.@verdict == 'TIMEOUT'
assert r.settings.@timeoutSec == '1'
def t = r.@time.text() as double
assert t >= 0.9 && t < 30
return true
