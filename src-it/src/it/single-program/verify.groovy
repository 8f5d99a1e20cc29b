import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log.contains('gc-vm: running 1 program from src/gcvm')
assert log =~ /PASS\s+good\.mit\s/
assert !log.contains('bad.mit')
assert new File(reports, 'good.mit.xml').exists()
assert !new File(reports, 'bad.mit.xml').exists()
assert log.contains('BUILD SUCCESS')
return true
