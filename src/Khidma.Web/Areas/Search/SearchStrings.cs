namespace Khidma.Web.Areas.Search;

// Resource marker for the module's strings (SearchStrings.resx/.ar/.fr). Not named SearchText, the module
// convention, because Domain/SearchText is the index text builder; views use IStringLocalizer<SearchStrings>.
public sealed class SearchStrings;
