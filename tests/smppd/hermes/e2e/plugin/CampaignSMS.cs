// Stand-in for Hermes.Net's CampaignSMS type, enough for the plugin to compile and run in tests.
public class CampaignSMS
{
    public string Name { get; set; }
    public string Number { get; set; }
}
